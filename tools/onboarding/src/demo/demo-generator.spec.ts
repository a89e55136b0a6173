import { BARRIERS, CEFR_LEVELS, CONTRACT_TYPES, COURSE_OUTCOMES, DROPOUT_REASONS, INTERNSHIP_OUTCOMES, LEGAL_STATUSES, MENTORING_AREAS, RECOMMENDED_ACTIVITIES, SEXES } from '@meic/contracts';
import { RECORD_COLUMNS, type RecordType } from '../records/record-types';
import { validateSiteDefinition } from '../site-file/site-file.parser';
import { addMonths, dayOf } from './demo-dates';
import { generateDemoProgramme, type DemoProgramme } from './demo-generator';
import { demoDigest, dueFollowUps, isStalled, summariseDemo } from './demo-summary';
import { SITES } from './demo-sites.data';

const REFERENCE_DATE = '2026-11-24';
const R = dayOf(REFERENCE_DATE);

/** Columns holding a date on which something happened (a planned internship end may lie ahead). */
const DATE_COLUMNS = ['enrolledOn', 'person.birthDate', 'consent.recordedOn', 'assessedOn', 'completedOn', 'startedOn', 'endedOn', 'recordedOn', 'on', 'placementStartedOn'];

/** The date a record is ordered by. */
const DATE_OF: Record<RecordType, string> = {
  beneficiaries: 'enrolledOn',
  assessments: 'assessedOn',
  enrolments: 'enrolledOn',
  completions: 'completedOn',
  internships: 'startedOn',
  placements: 'startedOn',
  'follow-ups': 'recordedOn',
  dropouts: 'on',
  'mentoring-matches': 'startedOn',
};

const list = (cell: string | undefined) => (cell ? cell.split(';') : []);
const includes = (values: readonly string[], value: string | undefined) => value !== undefined && values.includes(value);

/** Collects the first problems of a sweep over 25,000 records: one readable failure instead of 100,000 expects. */
function collector() {
  const problems: string[] = [];
  return {
    problems,
    check(ok: boolean, what: string) {
      if (!ok && problems.length < 20) problems.push(what);
    },
  };
}

describe('generateDemoProgramme', () => {
  let programme: DemoProgramme;
  let generationMs: number;

  beforeAll(() => {
    const started = performance.now();
    programme = generateDemoProgramme({ seed: 2026, referenceDate: REFERENCE_DATE });
    generationMs = performance.now() - started;
    // Reported, not asserted tightly: the machine may be shared.
    console.info(`demo programme at scale 1: ${programme.people.length} people, ${programme.people.reduce((n, p) => n + p.records.length, 0)} records, ${programme.sites.reduce((n, s) => n + (s.courses?.length ?? 0), 0)} courses, generated in ${Math.round(generationMs)} ms`);
  });

  it('is generated well under 5 s at scale 1', () => {
    expect(generationMs).toBeLessThan(5000);
  });

  it('gives the same programme for the same seed and date, also from a fresh module', () => {
    const digest = demoDigest(programme);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(demoDigest(generateDemoProgramme({ seed: 2026, referenceDate: REFERENCE_DATE }))).toBe(digest);
    let isolated = '';
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./demo-generator') as typeof import('./demo-generator');
      isolated = demoDigest(fresh.generateDemoProgramme({ seed: 2026, referenceDate: REFERENCE_DATE, scale: 1 }));
    });
    expect(isolated).toBe(digest);
  });

  it('uses neither Math.random nor the clock', () => {
    const random = jest.spyOn(Math, 'random');
    const now = jest.spyOn(Date, 'now');
    try {
      generateDemoProgramme({ seed: 7, referenceDate: REFERENCE_DATE, scale: 0.05 });
      expect(random).not.toHaveBeenCalled();
      expect(now).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
  });

  it('gives another programme for another seed or reference date', () => {
    const digest = demoDigest(programme);
    expect(demoDigest(generateDemoProgramme({ seed: 2027, referenceDate: REFERENCE_DATE, scale: 0.1 }))).not.toBe(demoDigest(generateDemoProgramme({ seed: 2026, referenceDate: REFERENCE_DATE, scale: 0.1 })));
    expect(demoDigest(generateDemoProgramme({ seed: 2027, referenceDate: REFERENCE_DATE }))).not.toBe(digest);
    expect(demoDigest(generateDemoProgramme({ seed: 2026, referenceDate: '2026-11-23' }))).not.toBe(digest);
  });

  it('holds about 5,000 people at scale 1, fewer at a smaller scale', () => {
    expect(programme.people.length).toBeGreaterThanOrEqual(4500);
    expect(programme.people.length).toBeLessThanOrEqual(5500);
    const small = generateDemoProgramme({ seed: 2026, referenceDate: REFERENCE_DATE, scale: 0.1 });
    expect(small.people.length).toBeGreaterThan(400);
    expect(small.people.length).toBeLessThan(600);
    expect(small.sites.map((s) => s.site.code)).toEqual(programme.sites.map((s) => s.site.code));
  });

  it('defines the AMIL, LIME and AMIR sites as valid site files', () => {
    const codes = programme.sites.map((s) => s.site.code);
    expect(codes).toEqual(expect.arrayContaining(['IT-RM', 'CY-NIC', 'GR-ATH']));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain('IT-TO');
    const byProgramme = (p: string) => programme.sites.filter((s) => s.site.programme === p).map((s) => s.site.country);
    expect(byProgramme('AMIL').sort()).toEqual(['CY', 'GR', 'IT']);
    expect(byProgramme('LIME').sort()).toEqual(['ES', 'IT']);
    expect(byProgramme('AMIR').sort()).toEqual(['CY', 'DE', 'ES', 'FR', 'GR', 'HU', 'IT', 'SE']);
    for (const site of programme.sites) {
      expect(validateSiteDefinition(site, site.site.code)).toEqual([]);
      const orgs = site.organisations ?? [];
      expect(orgs.length).toBeGreaterThanOrEqual(8);
      expect(orgs.length).toBeLessThanOrEqual(14);
      expect(new Set(orgs.map((o) => o.type)).size).toBeGreaterThanOrEqual(5);
      expect(orgs.some((o) => o.type === 'enterprise')).toBe(true);
      expect((site.territorialIndicators ?? []).map((i) => i.key).sort()).toEqual(['employment_centres_per_100k', 'firms_per_1000_inhabitants', 'unemployment_rate_pct']);
      expect(site.site.startedOn <= REFERENCE_DATE).toBe(true);
      for (const o of orgs) expect(o.joinedOn <= REFERENCE_DATE).toBe(true);
      for (const c of site.courses ?? []) {
        expect(c.startsOn <= REFERENCE_DATE).toBe(true);
        expect(orgs.map((o) => o.name)).toContain(c.provider);
      }
      const types = new Set((site.courses ?? []).map((c) => c.type));
      expect(types).toContain('l2_language');
      expect(types).toContain('vocational_training');
      if (site.site.programme === 'AMIR') {
        expect(types).toContain('financial_literacy');
        expect(site.mentors?.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('writes rows with the required columns of their type and only known columns', () => {
    const { problems, check } = collector();
    for (const person of programme.people) {
      check(person.records[0]?.type === 'beneficiaries' && person.records[0].row.ref === person.ref, `${person.ref}: does not start with its beneficiaries row`);
      for (const { type, row } of person.records) {
        const columns = RECORD_COLUMNS[type];
        const known = new Set(columns.map((c) => c.name));
        for (const key of Object.keys(row)) check(known.has(key), `${person.ref} ${type}: unknown column ${key}`);
        for (const c of columns) check(!c.required || Boolean(row[c.name]), `${person.ref} ${type}: lacks ${c.name}`);
        check(type === 'beneficiaries' || row.beneficiaryRef === person.ref, `${person.ref} ${type}: beneficiaryRef ${row.beneficiaryRef}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps refs unique within a site', () => {
    const keys = programme.people.map((p) => `${p.siteCode} ${p.ref}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('dates nothing after the reference date and keeps each person in chronological order', () => {
    const { problems, check } = collector();
    for (const person of programme.people) {
      let previous = '';
      for (const { type, row } of person.records) {
        for (const col of DATE_COLUMNS) {
          const value = row[col];
          check(value === undefined || value <= REFERENCE_DATE, `${person.ref} ${type}.${col} ${value} is after ${REFERENCE_DATE}`);
        }
        const at = row[DATE_OF[type]] ?? '';
        check(at >= previous, `${person.ref} ${type} on ${at} comes after a record of ${previous}`);
        previous = at;
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses only values the APIs accept', () => {
    const { problems, check } = collector();
    const inList = (values: readonly string[], cell: string | undefined) => list(cell).every((v) => values.includes(v));
    const cefrPair = new RegExp(`^[a-z]{2,3}:(${CEFR_LEVELS.join('|')})$`);
    for (const person of programme.people) {
      for (const { type, row } of person.records) {
        const at = `${person.siteCode} ${person.ref} ${type}`;
        switch (type) {
          case 'beneficiaries':
            check(includes(SEXES, row.sex), `${at}: sex ${row.sex}`);
            check(includes(LEGAL_STATUSES, row.legalStatus), `${at}: legalStatus ${row.legalStatus}`);
            check(/^[A-Z]{2}$/.test(row.citizenship ?? ''), `${at}: citizenship`);
            check(/^[0-8]$/.test(row.educationIsced ?? ''), `${at}: educationIsced ${row.educationIsced}`);
            check(Number(row.arrivalYear) <= Number(row.enrolledOn?.slice(0, 4)), `${at}: arrival after enrolment`);
            check(Number(row.arrivalYear) > Number(row['person.birthDate']?.slice(0, 4)), `${at}: arrival before birth`);
            check((row['person.birthDate'] ?? '') < (row.enrolledOn ?? ''), `${at}: birth date not before enrolment`);
            check(list(row.languages).every((pair) => cefrPair.test(pair)), `${at}: languages ${row.languages}`);
            check(!row['person.phone'] || /^\+?[0-9 ()-]{5,30}$/.test(row['person.phone']), `${at}: phone`);
            check(!row['person.email'] || /^[a-z]+\.[a-z]+\d+@example\.org$/.test(row['person.email']), `${at}: email`);
            check(row['consent.dataProcessing'] === 'true', `${at}: consent.dataProcessing`);
            check(includes(['true', 'false'], row['consent.evaluationFollowUp']), `${at}: consent.evaluationFollowUp`);
            break;
          case 'assessments':
            check(inList(BARRIERS, row.barriers), `${at}: barriers ${row.barriers}`);
            check(inList(RECOMMENDED_ACTIVITIES, row.recommendedActivities), `${at}: recommendedActivities ${row.recommendedActivities}`);
            break;
          case 'enrolments':
            check(!row.cefrLevelAtStart || includes(CEFR_LEVELS, row.cefrLevelAtStart), `${at}: cefrLevelAtStart`);
            break;
          case 'completions':
            check(includes(COURSE_OUTCOMES, row.outcome), `${at}: outcome ${row.outcome}`);
            check(!row.cefrLevelReached || includes(CEFR_LEVELS, row.cefrLevelReached), `${at}: cefrLevelReached`);
            break;
          case 'internships':
            check(!row.outcome || includes(INTERNSHIP_OUTCOMES, row.outcome), `${at}: outcome ${row.outcome}`);
            check(Boolean(row.outcome) === Boolean(row.endedOn), `${at}: outcome without endedOn or the reverse`);
            break;
          case 'placements':
            check(includes(CONTRACT_TYPES, row.contractType), `${at}: contractType ${row.contractType}`);
            check(/^[A-U]$/.test(row.naceSector ?? ''), `${at}: naceSector ${row.naceSector}`);
            check(Number(row.hoursPerWeek) > 0 && Number(row.hoursPerWeek) <= 80, `${at}: hoursPerWeek ${row.hoursPerWeek}`);
            check(Boolean(row.employerOrg) !== Boolean(row.employerName), `${at}: exactly one of employerOrg and employerName`);
            break;
          case 'follow-ups':
            check(includes(['3', '6', '12'], row.monthsAfterPlacement), `${at}: monthsAfterPlacement`);
            check(includes(['true', 'false'], row.employed), `${at}: employed`);
            break;
          case 'dropouts':
            check(includes(DROPOUT_REASONS, row.reason), `${at}: reason ${row.reason}`);
            break;
          case 'mentoring-matches':
            check(list(row.areas).length > 0 && inList(MENTORING_AREAS, row.areas), `${at}: areas ${row.areas}`);
            break;
          default: {
            const never: never = type;
            throw new Error(`unexpected record type ${String(never)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to courses, organisations and mentors of the site, as the services require', () => {
    const { problems, check } = collector();
    const sites = new Map(programme.sites.map((s) => [s.site.code, s]));
    for (const person of programme.people) {
      const site = sites.get(person.siteCode);
      if (!site) throw new Error(`unknown site ${person.siteCode}`);
      const courses = new Map((site.courses ?? []).map((c) => [c.title, c]));
      const orgs = new Map((site.organisations ?? []).map((o) => [o.name, o]));
      const mentors = new Map((site.mentors ?? []).map((m) => [m.displayName, m]));
      const enrolled = new Map<string, string>();
      const enrolledOn = person.records[0]?.row.enrolledOn ?? '';
      const placements = new Set<string>();
      let droppedOn: string | undefined;
      for (const { type, row } of person.records) {
        const at = `${person.siteCode} ${person.ref} ${type}`;
        check((row[DATE_OF[type]] ?? '') >= enrolledOn, `${at}: before the enrolment`);
        check(droppedOn === undefined, `${at}: after the drop-out on ${droppedOn}`);
        switch (type) {
          case 'enrolments': {
            const course = courses.get(row.courseTitle ?? '');
            if (!course) {
              check(false, `${at}: unknown course ${row.courseTitle}`);
              break;
            }
            check(!enrolled.has(course.title), `${at}: enrolled twice on ${course.title}`);
            enrolled.set(course.title, row.enrolledOn ?? '');
            check((row.enrolledOn ?? '') <= course.endsOn, `${at}: enrolled after the course ended`);
            check(Boolean(row.cefrLevelAtStart) === (course.type === 'l2_language'), `${at}: cefrLevelAtStart on a ${course.type} course`);
            break;
          }
          case 'completions': {
            const course = courses.get(row.courseTitle ?? '');
            const on = course && enrolled.get(course.title);
            if (!course || on === undefined) {
              check(false, `${at}: completes ${row.courseTitle} without an enrolment`);
              break;
            }
            check((row.completedOn ?? '') >= on, `${at}: completed before enrolling`);
            check(Number(row.hoursAttended) >= 0 && Number(row.hoursAttended) <= course.hours, `${at}: ${row.hoursAttended} of ${course.hours} hours`);
            check(!row.cefrLevelReached || course.type === 'l2_language', `${at}: cefrLevelReached on a ${course.type} course`);
            break;
          }
          case 'internships': {
            const org = orgs.get(row.hostOrg ?? '');
            check(org !== undefined && org.joinedOn <= (row.startedOn ?? ''), `${at}: host ${row.hostOrg} not in the cluster then`);
            check((row.plannedEndOn ?? '') >= (row.startedOn ?? ''), `${at}: planned end before start`);
            check(!row.endedOn || row.endedOn >= (row.startedOn ?? ''), `${at}: ended before start`);
            break;
          }
          case 'placements': {
            const org = row.employerOrg === undefined ? undefined : orgs.get(row.employerOrg);
            check(row.employerOrg === undefined || (org !== undefined && org.joinedOn <= (row.startedOn ?? '')), `${at}: employer ${row.employerOrg} not in the cluster then`);
            placements.add(row.startedOn ?? '');
            break;
          }
          case 'follow-ups': {
            check(placements.has(row.placementStartedOn ?? ''), `${at}: no placement started on ${row.placementStartedOn}`);
            const due = addMonths(dayOf(row.placementStartedOn ?? ''), Number(row.monthsAfterPlacement));
            check(dayOf(row.recordedOn ?? '') >= due, `${at}: recorded before it was due`);
            break;
          }
          case 'mentoring-matches': {
            const mentor = mentors.get(row.mentor ?? '');
            check(mentor !== undefined && list(row.areas).every((a) => mentor.areas.includes(a)), `${at}: mentor ${row.mentor} or areas ${row.areas}`);
            check(!row.endedOn || row.endedOn >= (row.startedOn ?? ''), `${at}: ended before start`);
            break;
          }
          case 'dropouts':
            droppedOn = row.on;
            check(placements.size === 0, `${at}: dropped out after a placement`);
            break;
          case 'beneficiaries':
          case 'assessments':
            break;
          default: {
            const never: never = type;
            throw new Error(`unexpected record type ${String(never)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps each site's share of women within its band", () => {
    const summary = summariseDemo(programme);
    for (const profile of SITES) {
      const s = summary[profile.code];
      if (!s) throw new Error(`no summary for ${profile.code}`);
      const pct = (100 * s.women) / s.people;
      expect(pct).toBeGreaterThanOrEqual(profile.womenBand[0]);
      expect(pct).toBeLessThanOrEqual(profile.womenBand[1]);
    }
  });

  it('has small sites for disclosure control, and LIME enrolments only in its first months', () => {
    const summary = summariseDemo(programme);
    expect(Object.values(summary).filter((s) => s.people < 30).length).toBeGreaterThanOrEqual(3);
    const limeLast = programme.people
      .filter((p) => p.siteCode === 'IT-BO' || p.siteCode === 'ES-MAD')
      .map((p) => p.records[0]?.row.enrolledOn ?? '')
      .sort()
      .pop();
    expect(dayOf(limeLast ?? '')).toBeLessThanOrEqual(addMonths(R, -15));
  });

  it('has stalled people and follow-ups due but not recorded, so caseworkers get tasks', () => {
    const stalled = programme.people.filter((p) => isStalled(p, R)).length;
    const unrecorded = programme.people.reduce((n, p) => n + dueFollowUps(p, R).unrecorded, 0);
    const recorded = programme.people.reduce((n, p) => n + dueFollowUps(p, R).recorded, 0);
    console.info(`stalled ${stalled}, follow-ups due: ${recorded} recorded, ${unrecorded} not`);
    expect(stalled).toBeGreaterThanOrEqual(100);
    expect(unrecorded).toBeGreaterThanOrEqual(50);
    expect(recorded).toBeGreaterThan(unrecorded);
  });

  it('has sites on track and behind their placement target, GR-ATH furthest behind', () => {
    const summary = summariseDemo(programme);
    const ratios = Object.entries(summary).map(([code, s]) => [code, s.placed / s.placedTarget] as const);
    ratios.sort((a, b) => a[1] - b[1]);
    // Among sites large enough for a rate to mean something (a site of 14 may have placed no one yet).
    expect(ratios.filter(([code]) => (summary[code]?.people ?? 0) >= 100)[0]?.[0]).toBe('GR-ATH');
    expect(ratios.filter(([, r]) => r >= 1).length).toBeGreaterThanOrEqual(3);
    expect(ratios.filter(([, r]) => r < 0.85).length).toBeGreaterThanOrEqual(3);
  });

  it('places people at different rates by site, and women less often than men at the main sites', () => {
    const rate = (code: string, sex?: string) => {
      const ps = programme.people.filter((p) => p.siteCode === code && (!sex || p.records[0]?.row.sex === sex) && (p.records[0]?.row.enrolledOn ?? '') <= '2025-11-24');
      return ps.filter((p) => p.records.some((r) => r.type === 'placements')).length / ps.length;
    };
    expect(rate('IT-BO')).toBeGreaterThan(rate('GR-ATH') + 0.1);
    for (const code of ['IT-RM', 'CY-NIC', 'GR-ATH']) expect(rate(code, 'female')).toBeLessThan(rate(code, 'male'));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const days = programme.people.flatMap((p) => {
      const placed = p.records.find((r) => r.type === 'placements');
      return placed ? [dayOf(placed.row.startedOn ?? '') - dayOf(p.records[0]?.row.enrolledOn ?? '')] : [];
    });
    console.info(`median days from enrolment to placement among the placed: ${median(days)}`);
    expect(median(days)).toBeGreaterThan(60);
    expect(median(days)).toBeLessThan(365);
  });
});
