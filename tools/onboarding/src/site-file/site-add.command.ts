import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ApiError } from '../api/api-client';
import type { CliCommand } from '../cli/cli-context';
import { SiteFileError, formatProblem } from './site-file.error';
import { fieldName, parseSiteFileWithLines } from './site-file.parser';
import { applySitePlan, describePlan, planSite } from './site-apply';

const USAGE = 'usage: npm run site:add -- <file.yaml> [--dry-run]';

/**
 * `site:add <file.yaml> [--dry-run]`: check the file, plan against the API, print the plan, apply
 * it. Exit 0 when applied or up to date, 1 when the file or the plan has a problem (nothing
 * written) or a write failed, 2 on a usage error.
 */
export const siteAddCommand: CliCommand = async (argv, ctx) => {
  const dryRun = argv.includes('--dry-run');
  const unknownFlags = argv.filter((a) => a.startsWith('-') && a !== '--dry-run');
  const files = argv.filter((a) => !a.startsWith('-'));
  if (unknownFlags.length || files.length !== 1 || argv.includes('--help') || argv.includes('-h')) {
    if (unknownFlags.length && !argv.includes('--help')) ctx.stderr.write(`unknown option ${unknownFlags.join(' ')}\n`);
    ctx.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const path = resolve(ctx.cwd, files[0] as string);
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    ctx.stderr.write(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n${USAGE}\n`);
    return 2;
  }

  let parsed;
  try {
    parsed = parseSiteFileWithLines(text, file);
  } catch (error) {
    if (!(error instanceof SiteFileError)) throw error;
    for (const p of error.problems) ctx.stderr.write(`${formatProblem(p)}\n`);
    ctx.stderr.write(`✖ ${file}: ${error.problems.length} problem(s); nothing was changed\n`);
    return 1;
  }

  const plan = await planSite(ctx.client, parsed.definition);
  if (plan.errors.length) {
    for (const e of plan.errors) ctx.stderr.write(`${formatProblem({ file, line: parsed.locate(e.path), field: fieldName(e.path), message: e.message })}\n`);
    ctx.stderr.write(`✖ ${file}: ${plan.errors.length} difference(s) the API cannot make; nothing was changed\n`);
    return 1;
  }

  const code = plan.siteCode;
  if (plan.changes.length === 0) {
    for (const line of describePlan(plan)) ctx.stdout.write(`${line}\n`);
    ctx.stdout.write(`${code} is up to date: nothing to change\n`);
    return 0;
  }
  ctx.stdout.write(`${dryRun ? 'Would apply' : 'Applying'} ${file} to ${code}:\n`);
  for (const line of describePlan(plan)) ctx.stdout.write(`${line}\n`);
  if (dryRun) {
    ctx.stdout.write(`dry run: ${plan.changes.length} change(s) not applied\n`);
    return 0;
  }
  try {
    const report = await applySitePlan(ctx.client, plan);
    ctx.stdout.write(`✔ ${code}: ${report.applied.length} change(s) applied\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // A write the local checks could not foresee; what came before it stays, and a re-run resumes.
    ctx.stderr.write(`✖ ${code}: ${error.message}\n`);
    ctx.stderr.write(`fix the file and run site:add again: what was written is kept and not repeated\n`);
    return 1;
  }
};
