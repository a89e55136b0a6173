import { Type, type Static } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import { PATHWAY_STAGES, PathwayStage, TASK_KINDS } from './primitives';
import { createAjv, toFieldErrors, type FieldError } from './validation';

const Days = Type.Integer({ minimum: 1, maximum: 730 });
const Missed = () => Type.Union([Type.Literal('task'), Type.Literal('none')]);

/**
 * A site's pathway template: which stages it uses and its deadlines. The same shape serves the
 * beneficiaries service's template files, `PUT /v1/sites/{code}/pathway-template` and the
 * `pathwayTemplate` section of a site file.
 */
export const PathwayTemplateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'Raised with every change: a pathway reports the version it follows' }),
    stages: Type.Array(PathwayStage, { minItems: 1, uniqueItems: true, description: "Stages the site uses, in the pathway's order; must include intake" }),
    deadlines: Type.Object(
      {
        assessmentWithinDays: Days,
        firstActivityWithinDays: Days,
        stalledAfterDays: Days,
        internshipEndGraceDays: Days,
        followUpMonths: Type.Array(Type.Union([Type.Literal(3), Type.Literal(6), Type.Literal(12)]), { minItems: 1, uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    onMissed: Type.Optional(
      Type.Partial(Type.Object(Object.fromEntries(TASK_KINDS.map((k) => [k, Missed()])) as Record<(typeof TASK_KINDS)[number], ReturnType<typeof Missed>>), {
        additionalProperties: false,
        description: 'Per task kind: task (default) raises a caseworker task when the deadline passes, none ignores that deadline',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PathwayTemplateBody = Static<typeof PathwayTemplateBody>;

let validate: ValidateFunction | undefined;

/**
 * Every problem of a template, as JSON Pointers into it: the schema, then the rules a schema
 * cannot say (stages in the pathway's order, intake present). Empty when it is valid.
 */
export function pathwayTemplateProblems(raw: unknown): FieldError[] {
  validate ??= createAjv().compile(PathwayTemplateBody);
  if (!validate(raw)) return toFieldErrors(validate.errors).map((e) => withValue(e, raw));
  const template = raw as PathwayTemplateBody;
  const problems: FieldError[] = [];
  // A skipped stage counts as the nearest earlier used one in the contract's order: a template
  // listing them in another order would read as something it does not do.
  const order = template.stages.map((s) => PATHWAY_STAGES.indexOf(s));
  if (order.some((o, i) => i > 0 && o < (order[i - 1] ?? -1))) problems.push({ path: '/stages', message: `must follow the pathway's order (${PATHWAY_STAGES.join(', ')})` });
  if (!template.stages.includes('intake')) problems.push({ path: '/stages', message: 'must include intake (every pathway starts there)' });
  return problems;
}

/** Names the offending value when it is a scalar: "/deadlines/stalledAfterDays must be >= 1 (got -3)". */
function withValue(e: FieldError, raw: unknown): FieldError {
  let at: unknown = raw;
  for (const seg of e.path.split('/').slice(1)) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return at === undefined || (typeof at === 'object' && at !== null) || e.message === 'is not a known field' ? e : { ...e, message: `${e.message} (got ${JSON.stringify(at)})` };
}

/** Two templates that start pathways the same way (key order and absent vs empty onMissed aside). */
export function samePathwayTemplate(a: PathwayTemplateBody, b: PathwayTemplateBody): boolean {
  return canonical(a) === canonical(b);
}

/**
 * How a wanted template stands against the site's own current one (null: the site has none of
 * its own and uses the default): the same, a changed one under a version not above the current
 * one (refused: pathways report the version they follow, so two contents under one version could
 * not be told apart), or one that may be stored. The beneficiaries service and site files decide
 * with this one rule.
 */
export function pathwayTemplateChange(own: PathwayTemplateBody | null, wanted: PathwayTemplateBody): 'same' | 'stale-version' | 'newer' {
  if (own === null) return 'newer';
  if (samePathwayTemplate(own, wanted)) return 'same';
  return wanted.version <= own.version ? 'stale-version' : 'newer';
}

function canonical(t: PathwayTemplateBody): string {
  const d = t.deadlines;
  const onMissed = Object.fromEntries(TASK_KINDS.filter((k) => t.onMissed?.[k] === 'none').map((k) => [k, 'none']));
  return JSON.stringify([t.version, t.stages, d.assessmentWithinDays, d.firstActivityWithinDays, d.stalledAfterDays, d.internshipEndGraceDays, d.followUpMonths, onMissed]);
}
