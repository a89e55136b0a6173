import { randomUUID } from 'node:crypto';
import { AGE_BANDS, buildEvent, CONTRACT_TYPES, COURSE_TYPES, LEGAL_STATUSES, SEXES, type CloudEvent } from '@meic/contracts';
import { prng } from './prng';

export interface HistorySite {
  code: string;
  country: string;
  programme: string;
}

const DAY = 86_400_000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
export const addMonths = (iso: string, months: number) => {
  // ClickHouse addMonths: same day of month, clamped to the month's last day.
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

/**
 * A random programme history: people enrolled at random sites and dates, each taking a random
 * subset of the pathway's steps in a plausible order, some more than once (second course, second
 * job), some dropping out. Events are shuffled and a share is duplicated, as Kafka redelivery and
 * late data entry produce them.
 */
export function randomHistory(seed: number, sites: readonly HistorySite[], opts: { people: number; start: string; days: number; asOf: string }): CloudEvent[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  const events: CloudEvent[] = [];
  const upTo = (on: string) => on <= opts.asOf;
  const uuid = () => randomUUID();
  for (const s of sites) {
    events.push(
      buildEvent('meic.site.registered.v1', {
        siteCode: s.code,
        country: s.country,
        occurredOn: opts.start,
        name: `Site ${s.code}`,
        city: 'City',
        programme: s.programme,
        clusterName: 'Cluster',
        startedOn: opts.start,
        defaultLanguage: 'en',
        targets: { enrolled: 10 + Math.floor(r() * 50), placed: 5 + Math.floor(r() * 20), womenSharePct: Math.floor(r() * 60) },
      }),
    );
  }
  for (let i = 0; i < opts.people; i++) {
    const site = pick(sites);
    const person = {
      pseudonym: uuid(),
      siteCode: site.code,
      country: site.country,
      sex: pick(SEXES),
      ageBand: pick(AGE_BANDS),
      citizenship: pick(['AF', 'NG', 'SY', 'UA', 'PK', 'ER']),
      legalStatus: pick(LEGAL_STATUSES),
    };
    const enrolledOn = addDays(opts.start, Math.floor(r() * opts.days));
    events.push(buildEvent('meic.beneficiary.enrolled.v2', { ...person, programme: site.programme, occurredOn: enrolledOn }));
    let t = enrolledOn;
    const later = (maxDays: number) => (t = addDays(t, 1 + Math.floor(r() * maxDays)));
    const dropAt = chance(0.2) ? addDays(enrolledOn, 5 + Math.floor(r() * 300)) : null;
    const alive = (on: string) => upTo(on) && (dropAt === null || on < dropAt);
    if (chance(0.8) && alive(later(30))) {
      events.push(buildEvent('meic.beneficiary.assessed.v2', { ...person, occurredOn: t, assessmentId: uuid(), barriers: [], recommendedActivities: [] }));
    }
    const courses = Math.floor(r() * 3);
    for (let c = 0; c < courses; c++) {
      const courseType = pick(COURSE_TYPES);
      const courseId = uuid();
      if (!alive(later(40))) break;
      events.push(buildEvent('meic.course.enrolled.v2', { ...person, occurredOn: t, courseId, courseType, cefrLevelAtStart: courseType === 'l2_language' ? 'A1' : null }));
      if (!alive(later(90))) break;
      const outcome = pick(['completed', 'completed', 'failed', 'withdrawn'] as const);
      events.push(
        buildEvent('meic.course.completed.v2', {
          ...person,
          occurredOn: t,
          courseId,
          courseType,
          outcome,
          hoursAttended: 40,
          cefrTarget: courseType === 'l2_language' ? 'A2' : null,
          cefrLevelAtStart: courseType === 'l2_language' ? 'A1' : null,
          cefrLevelReached: courseType === 'l2_language' ? pick(['A1', 'A2', 'B1'] as const) : null,
        }),
      );
    }
    if (chance(0.4) && alive(later(60))) {
      const internshipId = uuid();
      const hostOrgId = uuid();
      events.push(buildEvent('meic.internship.started.v2', { ...person, occurredOn: t, internshipId, hostOrgId, hostOrgType: 'enterprise', plannedEndOn: addDays(t, 90) }));
      const startedOn = t;
      if (alive(later(100))) events.push(buildEvent('meic.internship.ended.v2', { ...person, occurredOn: t, internshipId, hostOrgId, hostOrgType: 'enterprise', startedOn, outcome: 'completed' }));
    }
    const jobs = chance(0.5) ? (chance(0.2) ? 2 : 1) : 0;
    for (let j = 0; j < jobs; j++) {
      if (!alive(later(120))) break;
      const placementId = uuid();
      const placedOn = t;
      events.push(
        buildEvent('meic.beneficiary.placed.v2', { ...person, occurredOn: placedOn, placementId, employerOrgId: null, employerOrgType: null, contractType: pick(CONTRACT_TYPES), hoursPerWeek: 30, naceSector: 'C' }),
      );
      for (const months of [3, 6, 12] as const) {
        const on = addDays(addMonths(placedOn, months), Math.floor(r() * 10));
        if (!upTo(on) || chance(0.2)) continue;
        events.push(buildEvent('meic.beneficiary.followed-up.v2', { ...person, occurredOn: on, placementId, placedOn, monthsAfterPlacement: months, employed: chance(0.75) }));
      }
    }
    if (dropAt && upTo(dropAt)) events.push(buildEvent('meic.beneficiary.dropped-out.v2', { ...person, occurredOn: dropAt, reason: 'moved_away' }));
  }
  // Redelivery: a tenth of the events arrive twice (same CloudEvents id); order is lost.
  const withCopies = [...events, ...events.filter(() => chance(0.1))];
  for (let i = withCopies.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [withCopies[i], withCopies[j]] = [withCopies[j] as CloudEvent, withCopies[i] as CloudEvent];
  }
  return withCopies;
}
