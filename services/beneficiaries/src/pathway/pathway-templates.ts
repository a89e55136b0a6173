import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathwayTemplateProblems, type PathwayTemplateBody } from '@meic/contracts';
import { parse } from 'yaml';
import type { PathwayTemplate } from './pathway.rules';

// Compile-time proof that a valid template body is a PathwayTemplate (and the other way round).
const _sameShape: (f: PathwayTemplateBody) => PathwayTemplate = (f) => f;
const _sameShapeBack: (t: PathwayTemplate) => PathwayTemplateBody = (t) => t;
void _sameShape;
void _sameShapeBack;

export class PathwayTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`pathway template ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PathwayTemplateError';
  }
}

/** The templates of every site: a site's own file, or the default. */
export interface PathwayTemplates {
  forSite(siteCode: string): PathwayTemplate;
  /** Site codes with a file of their own. */
  readonly sites: readonly string[];
}

const SITE_FILE = /^([A-Z]{2}-[A-Z0-9]{2,10})\.ya?ml$/;
const DEFAULT_FILE = /^default\.ya?ml$/;

/**
 * Reads and validates every template of `dir` once, at boot: a bad file stops the service with
 * the file and the field named, rather than starting pathways nobody can reason about. Files
 * are `default.yaml` (required) and `<siteCode>.yaml`, each a whole template (no merging: a
 * site's file reads on its own).
 */
export function loadPathwayTemplates(dir: string): PathwayTemplates {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    throw new PathwayTemplateError(dir, [`cannot read the directory: ${(e as Error).message}`]);
  }
  const stray = names.filter((n) => !DEFAULT_FILE.test(n) && !SITE_FILE.test(n));
  if (stray.length > 0) throw new PathwayTemplateError(join(dir, stray[0] ?? ''), ['file name is neither default.yaml nor <siteCode>.yaml (e.g. IT-RM.yaml)']);
  const defaultName = names.find((n) => DEFAULT_FILE.test(n));
  if (!defaultName) throw new PathwayTemplateError(join(dir, 'default.yaml'), ['missing: every deployment needs a default template']);

  const fallback = readTemplate(join(dir, defaultName));
  const bySite = new Map<string, PathwayTemplate>();
  for (const name of names) {
    const site = SITE_FILE.exec(name)?.[1];
    if (site === undefined) continue;
    if (bySite.has(site)) throw new PathwayTemplateError(join(dir, name), [`a second template for site ${site}`]);
    bySite.set(site, readTemplate(join(dir, name)));
  }
  return {
    forSite: (siteCode) => bySite.get(siteCode) ?? fallback,
    sites: [...bySite.keys()],
  };
}

/** One file, parsed and validated; exported for tests. */
export function readTemplate(file: string): PathwayTemplate {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PathwayTemplateError(file, [`not readable YAML: ${(e as Error).message}`]);
  }
  const problems = pathwayTemplateProblems(raw).map((e) => `${e.path} ${e.message}`);
  if (problems.length > 0) throw new PathwayTemplateError(file, problems);
  return copyTemplate(raw as PathwayTemplateBody);
}

/** A template of its own, sharing no array or object with `template`. */
export function copyTemplate(template: PathwayTemplateBody): PathwayTemplate {
  return {
    version: template.version,
    stages: [...template.stages],
    deadlines: { ...template.deadlines, followUpMonths: [...template.deadlines.followUpMonths] },
    ...(template.onMissed ? { onMissed: { ...template.onMissed } } : {}),
  };
}
