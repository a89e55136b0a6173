import { randomUUID } from 'node:crypto';
import { buildEvent, type AgeBand, type CloudEvent, type CourseType, type LegalStatus, type Sex } from '@meic/contracts';

/** A site of a hand-made scenario. */
export interface ScenarioSite {
  code: string;
  country: string;
  programme: string;
}

/** One person of a hand-made scenario: the date of each step they took (ISO), nothing else. */
export interface ScenarioPerson {
  site: ScenarioSite;
  enrolled: string;
  sex?: Sex;
  ageBand?: AgeBand;
  citizenship?: string;
  legalStatus?: LegalStatus;
  assessed?: string;
  courses?: { type: CourseType; enrolled: string; completed?: string }[];
  internship?: string;
  placed?: string;
  /** The 6-month follow-up of the (first) placement. */
  followUp6?: { on: string; employed: boolean };
  dropped?: string;
  mentored?: string;
}

export function siteEvent(site: ScenarioSite, on = '2024-01-01'): CloudEvent {
  return buildEvent('meic.site.registered.v1', {
    siteCode: site.code,
    country: site.country,
    occurredOn: on,
    name: `Site ${site.code}`,
    city: 'City',
    programme: site.programme,
    clusterName: 'Cluster',
    startedOn: on,
    defaultLanguage: 'en',
    targets: { enrolled: 50, placed: 20, womenSharePct: 50 },
  });
}

/** The events of one person, in pathway order (callers may send some later, as late data entry). */
export function personEvents(p: ScenarioPerson): CloudEvent[] {
  const person = {
    pseudonym: randomUUID(),
    siteCode: p.site.code,
    country: p.site.country,
    sex: p.sex ?? 'female',
    ageBand: p.ageBand ?? '25-29',
    citizenship: p.citizenship ?? 'NG',
    legalStatus: p.legalStatus ?? 'refugee',
  };
  const out: CloudEvent[] = [buildEvent('meic.beneficiary.enrolled.v2', { ...person, programme: p.site.programme, occurredOn: p.enrolled })];
  if (p.assessed) out.push(buildEvent('meic.beneficiary.assessed.v2', { ...person, occurredOn: p.assessed, assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }));
  for (const c of p.courses ?? []) {
    const courseId = randomUUID();
    const l2 = c.type === 'l2_language';
    out.push(buildEvent('meic.course.enrolled.v2', { ...person, occurredOn: c.enrolled, courseId, courseType: c.type, cefrLevelAtStart: l2 ? 'A1' : null }));
    if (c.completed) {
      out.push(
        buildEvent('meic.course.completed.v2', {
          ...person,
          occurredOn: c.completed,
          courseId,
          courseType: c.type,
          outcome: 'completed',
          hoursAttended: 40,
          cefrTarget: l2 ? 'A2' : null,
          cefrLevelAtStart: l2 ? 'A1' : null,
          cefrLevelReached: l2 ? 'A2' : null,
        }),
      );
    }
  }
  if (p.internship) {
    out.push(buildEvent('meic.internship.started.v2', { ...person, occurredOn: p.internship, internshipId: randomUUID(), hostOrgId: randomUUID(), hostOrgType: 'enterprise', plannedEndOn: p.internship }));
  }
  if (p.placed) {
    const placementId = randomUUID();
    out.push(buildEvent('meic.beneficiary.placed.v2', { ...person, occurredOn: p.placed, placementId, employerOrgId: null, employerOrgType: null, contractType: 'permanent', hoursPerWeek: 30, naceSector: 'C' }));
    if (p.followUp6) {
      out.push(buildEvent('meic.beneficiary.followed-up.v2', { ...person, occurredOn: p.followUp6.on, placementId, placedOn: p.placed, monthsAfterPlacement: 6, employed: p.followUp6.employed }));
    }
  }
  if (p.mentored) out.push(buildEvent('meic.mentoring.started.v2', { ...person, occurredOn: p.mentored, matchId: randomUUID(), mentorId: randomUUID(), areas: ['work'] }));
  if (p.dropped) out.push(buildEvent('meic.beneficiary.dropped-out.v2', { ...person, occurredOn: p.dropped, reason: 'moved_away' }));
  return out;
}

/** Site registrations, then everyone's events. */
export function scenarioEvents(sites: readonly ScenarioSite[], people: readonly ScenarioPerson[]): CloudEvent[] {
  return [...sites.map((s) => siteEvent(s)), ...people.flatMap(personEvents)];
}

/** n copies of a person (same dates, distinct ids): a block of identical histories. */
export const times = (n: number, p: ScenarioPerson): ScenarioPerson[] => Array.from({ length: n }, () => ({ ...p }));

/**
 * The hand-made scenario of the KPI view integration specs (asOf 2026-06-30 unless a test says
 * otherwise). Three sites; 22 people, 21 of them enrolled in 2025. Day counts are worked out here
 * once (enrolment → placement, or → censoring):
 *
 * IT-RM (IT, AMIL)
 *   R1 ×6  female, enrolled 2025-02-01, assessed 02-10, vocational course 02-15 → completed 04-01,
 *          mentored 03-01, internship 05-01, placed 2025-08-01 (181 days: 28+31+30+31+30+31),
 *          6-month follow-up 2026-02-01 employed
 *   R2 ×2  male, enrolled 2025-03-01, assessed 03-05, L2 course 03-10 → completed 06-01, no internship,
 *          placed 2025-07-01 (122 days: 31+30+31+30)
 *   R3 ×2  male, enrolled 2025-03-01, not assessed, soft-skills course 03-20 → completed 05-01,
 *          dropped out 2025-09-01 (censored at 184 days: 122+31+31)
 *   R4 ×1  female, enrolled 2025-04-01, nothing else (censored at asOf: 365 + 30+31+29 = 455 days)
 *   R5 ×1  female, enrolled 2024-11-01 (before 2025), assessed 2025-02-01
 * IT-MI (IT, LIME)
 *   M1 ×2  female, enrolled 2025-05-01, assessed 05-10 (censored at asOf: 365 + 31+29 = 425 days)
 *   M2 ×1  female, enrolled 2025-05-01, assessed 05-10, placed 2025-09-01 (123 days: 31+30+31+31)
 * GR-ATH (GR, AMIL)
 *   A1 ×1  female, enrolled 2025-06-01, assessed 06-05, vocational course 06-10 → completed 08-01,
 *          internship 09-01, placed 2025-11-01 (153 days: 30+31+31+30+31)
 *   A2 ×1  female, as A1 but never placed (censored at asOf: 365 + 29 = 394 days)
 *   A3 ×2  male, enrolled 2025-06-01, assessed 06-05, digital-skills course 06-10 → completed 08-01 (394, censored)
 *   A4 ×3  male, enrolled 2025-06-01, assessed 06-05 (394, censored)
 */
export const RM: ScenarioSite = { code: 'IT-RM', country: 'IT', programme: 'AMIL' };
export const MI: ScenarioSite = { code: 'IT-MI', country: 'IT', programme: 'LIME' };
export const ATH: ScenarioSite = { code: 'GR-ATH', country: 'GR', programme: 'AMIL' };
export const SCENARIO_SITES = [RM, MI, ATH];

export function scenarioPeople(): Record<'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'M1' | 'M2' | 'A1' | 'A2' | 'A3' | 'A4', ScenarioPerson[]> {
  const a1: ScenarioPerson = {
    site: ATH,
    enrolled: '2025-06-01',
    assessed: '2025-06-05',
    courses: [{ type: 'vocational_training', enrolled: '2025-06-10', completed: '2025-08-01' }],
    internship: '2025-09-01',
    placed: '2025-11-01',
  };
  return {
    R1: times(6, {
      site: RM,
      enrolled: '2025-02-01',
      assessed: '2025-02-10',
      courses: [{ type: 'vocational_training', enrolled: '2025-02-15', completed: '2025-04-01' }],
      mentored: '2025-03-01',
      internship: '2025-05-01',
      placed: '2025-08-01',
      followUp6: { on: '2026-02-01', employed: true },
    }),
    R2: times(2, { site: RM, sex: 'male', enrolled: '2025-03-01', assessed: '2025-03-05', courses: [{ type: 'l2_language', enrolled: '2025-03-10', completed: '2025-06-01' }], placed: '2025-07-01' }),
    R3: times(2, { site: RM, sex: 'male', enrolled: '2025-03-01', courses: [{ type: 'soft_skills', enrolled: '2025-03-20', completed: '2025-05-01' }], dropped: '2025-09-01' }),
    R4: [{ site: RM, enrolled: '2025-04-01' }],
    R5: [{ site: RM, enrolled: '2024-11-01', assessed: '2025-02-01' }],
    M1: times(2, { site: MI, enrolled: '2025-05-01', assessed: '2025-05-10' }),
    M2: [{ site: MI, enrolled: '2025-05-01', assessed: '2025-05-10', placed: '2025-09-01' }],
    A1: [a1],
    A2: [{ ...a1, placed: undefined }],
    A3: times(2, { site: ATH, sex: 'male', enrolled: '2025-06-01', assessed: '2025-06-05', courses: [{ type: 'digital_skills', enrolled: '2025-06-10', completed: '2025-08-01' }] }),
    A4: times(3, { site: ATH, sex: 'male', enrolled: '2025-06-01', assessed: '2025-06-05' }),
  };
}

/** Everyone of the scenario as site_staff of all three sites see them (exact figures). */
export const ALL_STAFF = { role: 'site_staff' as const, sites: SCENARIO_SITES.map((s) => s.code) };
export const LEAD = { role: 'consortium_lead' as const };

interface CellLike {
  value: number | null;
  suppressed: boolean;
}

/**
 * How a count a protected reader sees may differ from the exact one (site_staff's): it is shown,
 * never as 1 … minCell − 1, a true 0 stays 0, and it is never more than the largest perturbation
 * above the truth (release blocks only leave people out). Returns the breaches, so a failing test
 * names every one.
 */
export function protectionBreaches(where: string, shown: CellLike, truth: CellLike, p = { minCell: 5, maxPerturbation: 4 }): string[] {
  const v = truth.value ?? -1;
  const out: string[] = [];
  if (shown.suppressed || shown.value === null) return [`${where}: withheld`];
  if (shown.value > 0 && shown.value < p.minCell) out.push(`${where}: ${shown.value} published`);
  if (v === 0 && shown.value !== 0) out.push(`${where}: 0 published as ${shown.value}`);
  if (shown.value > v + p.maxPerturbation) out.push(`${where}: ${shown.value} published, truth ${v}`);
  return out;
}

/** A rate shown to a protected reader is made of the counts published beside it (kpis.md). */
export function rateBreaches(where: string, rate: CellLike & { numerator: number | null; denominator: number | null }, numerator: CellLike, denominator: CellLike): string[] {
  if (rate.numerator !== numerator.value || rate.denominator !== denominator.value) return [`${where}: rate of ${rate.numerator}/${rate.denominator}, counts published ${numerator.value}/${denominator.value}`];
  return [];
}
