import { BARRIERS, CEFR_LEVELS, RECOMMENDED_ACTIVITIES } from '@meic/contracts';
import { RECORD_TYPES, type RecordRow, type RecordType } from '../records/record-types';
import type { CourseDefinition, OrganisationDefinition, SiteDefinition } from '../site-file/site-definition';
import { addMonths, dayOf, isoOf, monthStart, yearOf } from './demo-dates';
import { asciiOf, CITIZENSHIPS, SKILLS_BY_SECTOR } from './demo-people.data';
import { DemoPrng } from './demo-prng';
import { COUNTRIES, INDICATOR_SOURCES, SITES, type CountryProfile, type SiteProfile, type Weighted } from './demo-sites.data';

export interface DemoRecord {
  type: RecordType;
  row: RecordRow;
}

export interface DemoPerson {
  siteCode: string;
  ref: string;
  /** In the order they happened; the `beneficiaries` row first. */
  records: DemoRecord[];
}

export interface DemoProgramme {
  seed: number;
  referenceDate: string;
  sites: SiteDefinition[];
  people: DemoPerson[];
}

export interface GenerateDemoOptions {
  seed: number;
  /** YYYY-MM-DD: the programme covers the 24 months before it, and nothing a person did is dated after it. */
  referenceDate: string;
  /** 1 gives about 5,000 people; sites keep at least one person. */
  scale?: number;
}

/** People enrolled this many days before the reference date with nothing after their assessment stall. */
export const STALLED_WINDOW_DAYS = { from: 150, to: 60 } as const;

export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;

interface CourseCohort {
  key: string;
  provider: string;
  type: string;
  title: string;
  hours: number;
  startsOn: number;
  endsOn: number;
  cefrTarget?: string;
}

interface SiteContext {
  profile: SiteProfile;
  country: CountryProfile;
  referenceDay: number;
  startedDay: number;
  organisations: (OrganisationDefinition & { joinedDay: number })[];
  /** Cohorts by template key, in start order. */
  cohorts: Map<string, CourseCohort[]>;
  vocationalKeys: Weighted<string>;
}

/**
 * The demo programme: AMIL, LIME and AMIR sites with their clusters, courses and mentors, and about
 * 5,000 fake people whose pathways run over the 24 months before the reference date. The same seed
 * and reference date always give the same programme (seeded PRNG, UTC day arithmetic, fixed
 * iteration order), so a digest identifies it.
 */
export function generateDemoProgramme(options: GenerateDemoOptions): DemoProgramme {
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error(`scale must be above 0, not ${scale}`);
  const referenceDay = dayOf(options.referenceDate);
  const windowStart = addMonths(referenceDay, -24);
  const root = new DemoPrng(options.seed);

  const sites: SiteDefinition[] = [];
  const people: DemoPerson[] = [];
  for (const profile of SITES) {
    const prng = root.fork(profile.code);
    const ctx = buildSiteContext(profile, referenceDay, windowStart, prng.fork('cluster'));
    const count = Math.max(1, Math.round(profile.people * scale));
    const sitePeople = generateSitePeople(ctx, windowStart, count, prng.fork('people'));
    people.push(...sitePeople);
    sites.push(siteDefinitionOf(ctx, sitePeople));
  }
  return { seed: options.seed, referenceDate: options.referenceDate, sites, people };
}

// ---------------------------------------------------------------------------------------------
// Sites

function buildSiteContext(profile: SiteProfile, referenceDay: number, windowStart: number, prng: DemoPrng): SiteContext {
  const country = COUNTRIES[profile.country];
  if (!country) throw new Error(`no country profile for ${profile.country}`);
  const startedDay = Math.min(referenceDay, addMonths(windowStart, profile.startMonth) + prng.int(3, 20));
  const organisations = profile.organisations.map(([name, type, naceSector, offset, coi]) => {
    const joinedDay = Math.min(referenceDay, startedDay + offset);
    return { name, type, naceSector, joinedOn: isoOf(joinedDay), joinedDay, ...(coi ? { communityOfInterest: true } : {}) };
  });
  const ctx: SiteContext = { profile, country, referenceDay, startedDay, organisations, cohorts: new Map(), vocationalKeys: [] };
  buildCourses(ctx, windowStart, prng);
  return ctx;
}

interface CourseTemplate {
  key: string;
  type: string;
  title: string;
  provider: string;
  hours: readonly [number, number];
  weeks: readonly [number, number];
  everyMonths: number;
  cefrTarget?: string;
}

function providerOf(ctx: SiteContext, types: readonly string[]): string {
  for (const type of types) {
    const org = ctx.organisations.find((o) => o.type === type);
    if (org) return org.name;
  }
  const first = ctx.organisations[0];
  if (!first) throw new Error(`site ${ctx.profile.code} has no organisations`);
  return first.name;
}

function courseTemplates(ctx: SiteContext): CourseTemplate[] {
  const { country, profile } = ctx;
  const vet = providerOf(ctx, ['vet_provider']);
  const t: CourseTemplate[] = [
    { key: 'l2-A1', type: 'l2_language', title: country.l2Title('A1'), provider: vet, hours: [100, 120], weeks: [10, 12], everyMonths: 3, cefrTarget: 'A1' },
    { key: 'l2-A2', type: 'l2_language', title: country.l2Title('A2'), provider: providerOf(ctx, ['university', 'vet_provider']), hours: [100, 140], weeks: [10, 13], everyMonths: 3, cefrTarget: 'A2' },
    { key: 'l2-B1', type: 'l2_language', title: country.l2Title('B1'), provider: providerOf(ctx, ['university', 'vet_provider']), hours: [120, 150], weeks: [12, 14], everyMonths: 6, cefrTarget: 'B1' },
  ];
  const sectors = new Set(profile.sectors.map(([s]) => s));
  const vocational = country.vocational.filter(([, nace]) => sectors.has(nace)).slice(0, 3);
  vocational.forEach(([title], i) => {
    t.push({ key: `voc-${i}`, type: 'vocational_training', title, provider: vet, hours: [120, 200], weeks: [10, 14], everyMonths: i === 0 ? 3 : 6 });
  });
  ctx.vocationalKeys = vocational.map((_, i) => [`voc-${i}`, i === 0 ? 3 : 2] as const);
  const enterprise = ctx.organisations.find((o) => o.type === 'enterprise');
  if (enterprise) {
    t.push({ key: 'company', type: 'company_training', title: `${country.company} – ${enterprise.name}`, provider: enterprise.name, hours: [40, 80], weeks: [4, 8], everyMonths: 6 });
  }
  t.push({ key: 'soft', type: 'soft_skills', title: country.soft, provider: providerOf(ctx, ['civil_society_org', 'public_employment_service']), hours: [20, 30], weeks: [3, 4], everyMonths: 3 });
  t.push({ key: 'digital', type: 'digital_skills', title: country.digital, provider: providerOf(ctx, ['university', 'vet_provider']), hours: [30, 40], weeks: [4, 6], everyMonths: 6 });
  t.push({ key: 'entre', type: 'entrepreneurship_lab', title: country.entrepreneurship, provider: providerOf(ctx, ['chamber_of_commerce', 'employer_association', 'vet_provider']), hours: [40, 60], weeks: [6, 8], everyMonths: 6 });
  if (profile.programme === 'AMIR') {
    t.push({ key: 'finance', type: 'financial_literacy', title: country.financial, provider: providerOf(ctx, ['migrant_association', 'civil_society_org']), hours: [12, 20], weeks: [3, 4], everyMonths: 3 });
    t.push({ key: 'housing', type: 'housing_orientation', title: country.housing, provider: providerOf(ctx, ['local_authority', 'civil_society_org']), hours: [8, 12], weeks: [2, 3], everyMonths: 6 });
  }
  return t;
}

/**
 * Courses run in cohorts (a 3- or 6-monthly intake, half as often at the smallest sites), each
 * titled with its start month so that titles stay unique within the site. Cohorts start from a
 * few weeks after the site and until the reference date (LIME: until its last intake had time to
 * train); a cohort running on the reference date ends after it.
 */
function buildCourses(ctx: SiteContext, windowStart: number, prng: DemoPrng): void {
  const { profile } = ctx;
  const slow = profile.people < 50 ? 2 : 1;
  const lastStart = Math.min(ctx.referenceDay, addMonths(windowStart, profile.enrolUntilMonth + 9));
  for (const template of courseTemplates(ctx)) {
    const every = template.everyMonths * slow;
    const list: CourseCohort[] = [];
    const firstMonth = monthStart(ctx.startedDay + 21);
    const offset = prng.int(0, every - 1);
    for (let month = addMonths(firstMonth, offset); ; month = addMonths(month, every)) {
      const startsOn = month + prng.int(0, 9);
      if (startsOn > lastStart) break;
      const weeks = prng.int(template.weeks[0], template.weeks[1]);
      const endsOn = startsOn + weeks * 7 - 3;
      const hours = 5 * Math.round(prng.int(template.hours[0], template.hours[1]) / 5);
      const title = `${template.title} (${isoOf(month).slice(0, 7)})`;
      list.push({ key: template.key, provider: template.provider, type: template.type, title, hours, startsOn, endsOn, ...(template.cefrTarget ? { cefrTarget: template.cefrTarget } : {}) });
    }
    ctx.cohorts.set(template.key, list);
  }
}

function siteDefinitionOf(ctx: SiteContext, people: readonly DemoPerson[]): SiteDefinition {
  const { profile, country } = ctx;
  const placed = people.filter((p) => p.records.some((r) => r.type === 'placements')).length;
  const courses: CourseDefinition[] = [];
  for (const list of ctx.cohorts.values()) {
    for (const c of list) {
      courses.push({ type: c.type, title: c.title, provider: c.provider, hours: c.hours, startsOn: isoOf(c.startsOn), endsOn: isoOf(c.endsOn), ...(c.cefrTarget ? { cefrTarget: c.cefrTarget } : {}) });
    }
  }
  courses.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const year = yearOf(ctx.referenceDay) - 1;
  return {
    site: {
      code: profile.code,
      name: profile.name,
      country: profile.country,
      city: profile.city,
      programme: profile.programme,
      clusterName: profile.clusterName,
      startedOn: isoOf(ctx.startedDay),
      defaultLanguage: country.language,
      targets: {
        enrolled: Math.max(10, 10 * Math.round((people.length * profile.targets.enrolledFactor) / 10)),
        // Set from what the site achieves so that the on-track and behind sites stay so for any seed.
        placed: Math.max(1, Math.round(placed * profile.targets.placedFactor)),
        womenSharePct: profile.targets.womenSharePct,
      },
    },
    organisations: ctx.organisations.map(({ joinedDay: _joined, ...org }) => org),
    courses,
    territorialIndicators: [
      { key: 'unemployment_rate_pct', value: profile.indicators.unemploymentPct, referenceYear: year, source: INDICATOR_SOURCES.unemployment_rate_pct },
      { key: 'employment_centres_per_100k', value: profile.indicators.centresPer100k, referenceYear: year, source: INDICATOR_SOURCES.employment_centres_per_100k },
      { key: 'firms_per_1000_inhabitants', value: profile.indicators.firmsPer1000, referenceYear: year, source: INDICATOR_SOURCES.firms_per_1000_inhabitants },
    ],
    ...(profile.mentors.length ? { mentors: profile.mentors.map((m) => ({ displayName: m.displayName, languages: [...m.languages], areas: [...m.areas] })) } : {}),
    // The programmes run to the end of the reference year; their people are then kept five years.
    retention: { programmeEndsOn: `${yearOf(ctx.referenceDay)}-12-31` },
  };
}

// ---------------------------------------------------------------------------------------------
// People

function generateSitePeople(ctx: SiteContext, windowStart: number, count: number, prng: DemoPrng): DemoPerson[] {
  const { profile, referenceDay } = ctx;
  const from = Math.min(referenceDay, ctx.startedDay + 14);
  const to = Math.min(referenceDay, addMonths(windowStart, profile.enrolUntilMonth));
  // Intake grows as a site becomes known: a slight skew towards later dates.
  const days = Array.from({ length: count }, () => from + Math.floor((to - from + 1) * prng.next() ** 0.85)).sort((a, b) => a - b);

  // Exactly the drawn share of women, so that even a site of 14 stays within its band.
  const [lo, hi] = profile.womenBand;
  const share = (lo + (hi - lo) * (0.3 + 0.4 * prng.next())) / 100;
  const women = Math.round(count * share);
  // AMIL and LIME intake forms record female/male; AMIR's lets people not say, and a handful at
  // its larger sites do (enough for disclosure control to show in sex breakdowns there).
  const undisclosed = profile.programme === 'AMIR' && count >= 200 ? Math.floor(count * 0.01) : 0;
  const sexes = prng.shuffle(Array.from({ length: count }, (_, i) => (i < women ? 'female' : i < women + undisclosed ? 'undisclosed' : 'male')));

  const local = profile.code.split('-')[1] ?? profile.code;
  return days.map((day, i) => {
    const ref = `${local}-${String(i + 1).padStart(5, '0')}`;
    return simulatePerson(ctx, ref, day, sexes[i] ?? 'male', prng.fork(ref));
  });
}

interface Timeline {
  records: { day: number; type: RecordType; seq: number; row: Record<string, string> }[];
  add(day: number, type: RecordType, row: Record<string, string>): void;
}

function timeline(): Timeline {
  const records: Timeline['records'] = [];
  return {
    records,
    add(day, type, row) {
      records.push({ day, type, seq: records.length, row });
    },
  };
}

const TYPE_ORDER = new Map<RecordType, number>(RECORD_TYPES.map((t, i) => [t, i]));

function simulatePerson(ctx: SiteContext, ref: string, enrolDay: number, sex: string, prng: DemoPrng): DemoPerson {
  const { profile, country, referenceDay: R } = ctx;
  const tl = timeline();
  const e = enrolDay;
  const female = sex === 'female';

  // --- who they are
  const citizenship = prng.weighted(profile.citizenships);
  const cit = CITIZENSHIPS[citizenship];
  if (!cit) throw new Error(`no citizenship profile for ${citizenship}`);
  const legalStatus = prng.weighted(profile.legalStatuses);
  const fuam = legalStatus === 'former_unaccompanied_minor';
  const age = fuam ? 18 + prng.int(0, 4) : 18 + Math.floor(38 * prng.next() ** 1.7);
  const birthDay = addMonths(e, -12 * age) - prng.int(1, 360);
  const enrolYear = yearOf(e);
  const birthYear = yearOf(birthDay);
  const yearsHere = fuam ? Math.max(0, age - prng.int(15, 17)) : legalStatus === 'asylum_seeker' ? prng.int(0, 2) : legalStatus === 'other_tcn' ? prng.int(0, 8) : Math.floor(6 * prng.next() ** 1.5);
  const arrivalYear = Math.max(birthYear + 1, Math.min(enrolYear, enrolYear - yearsHere));
  const tertiary = !fuam && prng.chance(cit.tertiaryShare);
  const isced = tertiary ? prng.weighted([[5, 2], [6, 6], [7, 2.5], [8, 0.3]]) : fuam ? prng.weighted([[1, 2], [2, 4], [3, 2]]) : prng.weighted([[0, 1], [1, 2], [2, 3.2], [3, 3], [4, 0.8]]);

  const host = country.language;
  const own = cit.languages.find(([code]) => code === host);
  const years = enrolYear - arrivalYear;
  const hostLevel = own
    ? own[1]
    : prng.weighted<string>([['pre-A1', Math.max(0.3, 3 - years)], ['A1', 3], ['A2', 1.5 + years * 0.6], ['B1', 0.3 + years * 0.4], ['B2', 0.1 + years * 0.15]]);
  const languages = [...cit.languages.filter(([code]) => code !== host).map(([code, level]) => `${code}:${level}`), `${host}:${hostLevel}`];

  const names = cit.names;
  const givenName = prng.pick(female ? names.female : sex === 'male' ? names.male : prng.chance(0.5) ? names.female : names.male);
  const familyName = prng.pick(names.family);
  const row: Record<string, string> = {
    ref,
    enrolledOn: isoOf(e),
    'person.givenName': givenName,
    'person.familyName': familyName,
    'person.birthDate': isoOf(birthDay),
  };
  if (prng.chance(0.8)) row['person.phone'] = `${country.phonePrefix}${prng.int(10, 99)} ${prng.int(1000000, 9999999)}`;
  if (prng.chance(0.4)) row['person.email'] = `${asciiOf(givenName) || 'person'}.${asciiOf(familyName) || 'demo'}${prng.int(1, 99)}@example.org`;
  Object.assign(row, {
    sex,
    citizenship,
    legalStatus,
    arrivalYear: String(arrivalYear),
    educationIsced: String(isced),
    languages: languages.join(';'),
    'consent.dataProcessing': 'true',
    'consent.evaluationFollowUp': String(prng.chance(0.92)),
    'consent.recordedOn': isoOf(e),
  });
  tl.add(e, 'beneficiaries', row);

  const stalledWindow = e >= R - STALLED_WINDOW_DAYS.from && e <= R - STALLED_WINDOW_DAYS.to;
  const stalled = stalledWindow && prng.chance(0.22);

  // --- assessment, within weeks for most
  const hostRank = CEFR_LEVELS.indexOf(hostLevel as (typeof CEFR_LEVELS)[number]);
  const assessedDay = e + prng.int(2, 24);
  const assessed = prng.chance(stalled ? 0.6 : 0.95) && assessedDay <= R;
  if (assessed) addAssessment(ctx, tl, prng, ref, assessedDay, { female, legalStatus, hostRank });
  if (stalled) return personOf(profile.code, ref, tl);

  // --- fates drawn up front, so that each step can respect them
  // A drop-out comes after the assessment, if any, so that the pathway has started.
  const dropDayDrawn = Math.max(e + prng.int(20, 330), (assessed ? assessedDay : e) + 3);
  const dropDay = prng.chance(profile.dropoutRate) && dropDayDrawn <= R ? dropDayDrawn : undefined;
  const horizon = dropDay ?? R;
  const mentored = profile.mentors.length > 0 && prng.chance(profile.mentoringRate);
  const legalFactor = legalStatus === 'asylum_seeker' ? 0.8 : fuam ? 1.1 : legalStatus === 'other_tcn' ? 1.1 : 1;
  const placeChance = Math.min(0.95, profile.placementRate * (female ? profile.womenFactor : 1) * legalFactor * (isced >= 5 ? 1.1 : 1) * (mentored ? 1.1 : 1) * (age >= 45 ? 0.8 : 1));
  const willWork = dropDay === undefined && prng.chance(placeChance);
  const jobDay = e + Math.round(profile.medianDaysToJob * Math.exp(0.55 * prng.normal()));

  // --- courses: L2 first for most who need it, then vocational and others
  let cursor = assessed ? assessedDay : e + prng.int(5, 20);
  const pathwayStart = cursor;
  let lastActivityEnd = cursor;
  const plan: string[] = [];
  if (hostRank < CEFR_LEVELS.indexOf('B1') && prng.chance(0.9)) plan.push(hostRank <= 1 ? (hostRank === 0 ? 'l2-A1' : 'l2-A2') : 'l2-B1');
  const extra = prng.weighted([[0, plan.length ? 30 : 5], [1, 45], [2, 20]]);
  const others: Weighted<string> = [
    ...ctx.vocationalKeys.map(([k, w]) => [k, w * 3] as const),
    ['soft', 3], ['digital', 2], ['company', 2], ['entre', 0.6],
    ...(profile.programme === 'AMIR' ? ([['finance', 2], ['housing', 1]] as const) : []),
  ];
  for (let i = 0; i < extra; i += 1) {
    const k = prng.weighted(others);
    if (!plan.includes(k) && ctx.cohorts.has(k)) plan.push(k);
  }
  let trained = false;
  let stoppedByDropout = false;
  for (const key of plan) {
    const ready = cursor + prng.int(3, 14);
    if (willWork && ready > jobDay + 30) break;
    const cohort = (ctx.cohorts.get(key) ?? []).find((c) => c.startsOn + 10 >= ready);
    if (!cohort) break;
    const enrolledOn = Math.max(ready, cohort.startsOn - prng.int(0, 10));
    if (enrolledOn > horizon || enrolledOn > R || (dropDay !== undefined && enrolledOn >= dropDay)) break;
    const isL2 = cohort.type === 'l2_language';
    const courseTitle = cohort.title;
    tl.add(enrolledOn, 'enrolments', { beneficiaryRef: ref, courseTitle, enrolledOn: isoOf(enrolledOn), ...(isL2 ? { cefrLevelAtStart: hostLevel } : {}) });
    trained = true;
    if (dropDay !== undefined && dropDay < cohort.endsOn) {
      const on = Math.max(enrolledOn, dropDay - prng.int(0, 10));
      tl.add(on, 'completions', completionRow(ref, courseTitle, 'withdrawn', on, cohort, (on - enrolledOn) / Math.max(1, cohort.endsOn - cohort.startsOn), prng));
      stoppedByDropout = true;
      break;
    }
    if (cohort.endsOn <= R) {
      const outcome = prng.weighted([['completed', 82], ['failed', 8], ['withdrawn', 10]]);
      const on = outcome === 'withdrawn' ? Math.min(cohort.endsOn, enrolledOn + prng.int(7, Math.max(8, cohort.endsOn - enrolledOn))) : cohort.endsOn;
      const fraction = outcome === 'completed' ? 0.8 + 0.2 * prng.next() : outcome === 'failed' ? 0.5 + 0.4 * prng.next() : (on - enrolledOn) / Math.max(1, cohort.endsOn - enrolledOn);
      const reached = isL2 && outcome !== 'withdrawn' ? (outcome === 'completed' && prng.chance(0.75) ? (cohort.cefrTarget ?? hostLevel) : hostLevel) : undefined;
      tl.add(on, 'completions', completionRow(ref, courseTitle, outcome, on, cohort, fraction, prng, reached));
      lastActivityEnd = Math.max(lastActivityEnd, on);
    } else {
      lastActivityEnd = Math.max(lastActivityEnd, cohort.endsOn);
    }
    cursor = isL2 ? cohort.endsOn - 14 : cohort.startsOn + 14;
  }

  // --- internship (tirocinio) for a share, mostly after training
  let hiredAt: { day: number; org: string; nace?: string } | undefined;
  let internshipOpen = false;
  let internshipEnd: number | undefined;
  if (!stoppedByDropout && prng.chance(profile.internshipRate * (trained ? 1 : 0.5))) {
    const start = Math.max(lastActivityEnd, cursor) + prng.int(7, 45);
    const hosts = ctx.organisations.filter((o) => o.joinedDay <= start && (o.type === 'enterprise' || (o.type === 'civil_society_org' && prng.chance(0.2)) || (o.type === 'local_authority' && prng.chance(0.1))));
    if (start <= horizon && start <= R && (dropDay === undefined || start < dropDay) && hosts.length) {
      const host = prng.pick(hosts);
      const plannedEnd = start + prng.weighted([[61, 2], [90, 4], [120, 3], [180, 2]]);
      const row: Record<string, string> = { beneficiaryRef: ref, hostOrg: host.name, startedOn: isoOf(start), plannedEndOn: isoOf(plannedEnd) };
      if (dropDay !== undefined && dropDay < plannedEnd) {
        Object.assign(row, { endedOn: isoOf(dropDay), outcome: 'interrupted' });
        internshipEnd = dropDay;
      } else if (plannedEnd <= R - 3) {
        if (plannedEnd <= R - 20 && prng.chance(0.04)) {
          // The end was never recorded: the pathway raises an "internship end overdue" task.
          internshipOpen = true;
        } else {
          const outcome = prng.weighted([['hired', willWork ? 55 : dropDay !== undefined ? 0 : 8], ['completed', willWork ? 35 : 70], ['interrupted', 15]]);
          const ended = outcome === 'interrupted' ? start + prng.int(7, plannedEnd - start - 1) : plannedEnd - prng.int(0, 5);
          Object.assign(row, { endedOn: isoOf(ended), outcome });
          internshipEnd = ended;
          const hireDay = ended + prng.int(1, 10);
          if (outcome === 'hired' && hireDay <= R && dropDay === undefined) hiredAt = { day: hireDay, org: host.name, ...(host.naceSector ? { nace: host.naceSector } : {}) };
        }
      } else {
        internshipOpen = true;
      }
      tl.add(start, 'internships', row);
      lastActivityEnd = Math.max(lastActivityEnd, internshipEnd ?? start);
    }
  }

  // --- placement and follow-ups
  let placementDay: number | undefined;
  if (hiredAt) {
    placementDay = hiredAt.day;
    addPlacement(ctx, tl, prng, ref, hiredAt.day, female, { org: hiredAt.org, ...(hiredAt.nace ? { nace: hiredAt.nace } : {}) });
  } else if (willWork && !internshipOpen) {
    // Some find a job while still in training (and keep studying in the evening); the others after it.
    const duringTraining = internshipEnd === undefined && prng.chance(0.35);
    const day = duringTraining ? Math.max(jobDay, pathwayStart + 7) : Math.max(jobDay, lastActivityEnd + prng.int(0, 30), cursor);
    if (day <= R) {
      placementDay = day;
      addPlacement(ctx, tl, prng, ref, day, female);
    }
  }
  if (placementDay !== undefined) addFollowUps(tl, prng, ref, placementDay, R);

  // --- peer mentoring (AMIR)
  if (mentored) {
    const start = e + prng.int(7, 75);
    if (start <= R && (dropDay === undefined || start < dropDay)) {
      const mentor = prng.pick(profile.mentors);
      const areas = prng.sample(mentor.areas, prng.int(1, Math.min(2, mentor.areas.length)));
      const plannedEnd = start + prng.int(90, 270);
      const end = dropDay !== undefined && dropDay < plannedEnd ? dropDay : plannedEnd <= R ? plannedEnd : undefined;
      tl.add(start, 'mentoring-matches', { beneficiaryRef: ref, mentor: mentor.displayName, areas: areas.join(';'), startedOn: isoOf(start), ...(end !== undefined ? { endedOn: isoOf(end) } : {}) });
    }
  }

  // --- drop-out
  if (dropDay !== undefined) {
    const reason = prng.weighted([['lost_contact', 28], ['moved_away', 22], ['found_work_independently', 14], ['family_care', female ? 22 : 6], ['health', 8], ['not_interested', 8], ['no_longer_eligible', legalStatus === 'asylum_seeker' ? 10 : 3], ['other', 5]]);
    tl.add(dropDay, 'dropouts', { beneficiaryRef: ref, reason, on: isoOf(dropDay) });
  }
  return personOf(profile.code, ref, tl);
}

function personOf(siteCode: string, ref: string, tl: Timeline): DemoPerson {
  const sorted = [...tl.records].sort((a, b) => a.day - b.day || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || a.seq - b.seq);
  return { siteCode, ref, records: sorted.map(({ type, row }) => ({ type, row })) };
}

function addAssessment(ctx: SiteContext, tl: Timeline, prng: DemoPrng, ref: string, day: number, who: { female: boolean; legalStatus: string; hostRank: number }): void {
  const { profile } = ctx;
  const skills = new Set<string>();
  const n = prng.int(1, 3);
  for (let i = 0; i < n; i += 1) {
    const list = SKILLS_BY_SECTOR[prng.weighted(profile.sectors)] ?? SKILLS_BY_SECTOR.N ?? [];
    if (list.length) skills.add(prng.pick(list));
  }
  const chances: Record<string, number> = {
    housing: 0.35,
    childcare: who.female ? 0.3 : 0.04,
    documents: who.legalStatus === 'asylum_seeker' ? 0.6 : 0.15,
    health: 0.08,
    language: who.hostRank <= 2 ? 0.9 : 0.2,
    transport: 0.15,
    digital: 0.2,
    other: 0.05,
  };
  const barriers = BARRIERS.filter((b) => prng.chance(chances[b] ?? 0));
  const amir = profile.programme === 'AMIR';
  const activityChances: Record<string, number> = {
    l2_language: who.hostRank < 3 ? 0.95 : 0.1,
    vocational_training: 0.6,
    company_training: 0.15,
    entrepreneurship_lab: 0.06,
    soft_skills: 0.3,
    digital_skills: 0.2,
    financial_literacy: amir ? 0.4 : 0,
    housing_orientation: amir && barriers.includes('housing') ? 0.7 : 0,
    orientation: 0.35,
    internship: 0.5,
    job_placement: 0.5,
    peer_mentoring: amir ? 0.7 : 0,
  };
  const activities = RECOMMENDED_ACTIVITIES.filter((a) => prng.chance(activityChances[a] ?? 0));
  tl.add(day, 'assessments', { beneficiaryRef: ref, assessedOn: isoOf(day), skills: [...skills].join(';'), barriers: barriers.join(';'), recommendedActivities: activities.join(';') });
}

function completionRow(ref: string, courseTitle: string, outcome: string, day: number, cohort: CourseCohort, fraction: number, prng: DemoPrng, reached?: string): Record<string, string> {
  const hours = Math.max(0, Math.min(cohort.hours, Math.round(cohort.hours * Math.min(1, Math.max(0, fraction)) - prng.int(0, 2))));
  return { beneficiaryRef: ref, courseTitle, outcome, completedOn: isoOf(day), hoursAttended: String(hours), ...(reached ? { cefrLevelReached: reached } : {}) };
}

function addPlacement(ctx: SiteContext, tl: Timeline, prng: DemoPrng, ref: string, day: number, female: boolean, employer?: { org: string; nace?: string }): void {
  const { profile, country } = ctx;
  const contractType = prng.weighted(profile.contracts);
  let nace = employer?.nace ?? prng.weighted(profile.sectors);
  const row: Record<string, string> = { beneficiaryRef: ref };
  if (employer) {
    row.employerOrg = employer.org;
  } else {
    const members = ctx.organisations.filter((o) => o.type === 'enterprise' && o.joinedDay <= day && o.naceSector === nace);
    if (members.length && prng.chance(0.55)) {
      row.employerOrg = prng.pick(members).name;
    } else {
      // An invented business: a trade word, a family name or the city, a legal form.
      const owner = prng.chance(0.6) ? prng.pick(country.ownerNames) : profile.city;
      row.employerName = `${prng.pick(country.businessWords)} ${owner} ${prng.pick(country.businessSuffixes)}`;
    }
  }
  if (contractType === 'self_employment') nace = prng.weighted([['G', 3], ['I', 2], ['S', 2], ['N', 1]]);
  const hours = prng.weighted(female ? [[40, 2], [38, 2], [36, 2], [30, 3], [25, 2], [20, 2]] : [[40, 4], [38, 3], [36, 3], [30, 1.5], [25, 0.7], [20, 0.5]]);
  Object.assign(row, { contractType, hoursPerWeek: String(hours), naceSector: nace, startedOn: isoOf(day) });
  tl.add(day, 'placements', row);
}

/**
 * Follow-ups at 3, 6 and 12 months when due by the reference date: most recorded within a few
 * weeks, but many of those due in the last weeks not yet, so follow-up tasks are open.
 */
function addFollowUps(tl: Timeline, prng: DemoPrng, ref: string, placementDay: number, R: number): void {
  const placement = tl.records.find((r) => r.type === 'placements');
  const seasonal = placement?.row.contractType === 'seasonal';
  let employed = true;
  for (const m of FOLLOW_UP_MONTHS) {
    const due = addMonths(placementDay, m);
    if (due > R) break;
    const recorded = prng.chance(due >= R - 45 ? 0.35 : 0.9);
    const stay = m === 3 ? 0.9 : m === 6 ? 0.88 : 0.86;
    employed = employed ? prng.chance(seasonal ? stay * 0.7 : stay) : prng.chance(0.25);
    if (!recorded) continue;
    const on = Math.min(R, due + prng.int(0, 21));
    tl.add(on, 'follow-ups', { beneficiaryRef: ref, placementStartedOn: isoOf(placementDay), monthsAfterPlacement: String(m), employed: String(employed), recordedOn: isoOf(on) });
  }
}
