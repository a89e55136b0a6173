import { createHash } from 'node:crypto';
import { ageBandOf, buildEvent, eventBarriersOf, eventDropoutReasonOf, type Barrier, type CloudEvent, type DropoutReason } from '@meic/contracts';
import type { DemoProgramme } from './demo-generator';

/**
 * The domain events the services publish when the demo programme is loaded through the public
 * API, built directly from the generated records: for tests and benchmarks of the analytics
 * service that need the whole programme in seconds rather than the minutes a load through the
 * services takes. Every event is checked against the contract by `buildEvent`. Ids are derived
 * from the records (a version-4-shaped hash), so the same programme always gives the same events.
 */
export interface DemoEvents {
  events: CloudEvent[];
  /** Everyone enrolled, with the coarse attributes analytics receives: the truth tests compare with. */
  people: DemoEventPerson[];
}

export interface DemoEventPerson {
  /** The person's pseudonym on the wire (derived from the demo record, as every demo id is). */
  pseudonym: string;
  siteCode: string;
  country: string;
  programme: string;
  enrolledOn: string;
  sex: string;
  ageBand: string;
  citizenship: string;
  legalStatus: string;
  /** The first placement's start date, if any. */
  placedOn: string | null;
  droppedOn: string | null;
  evaluationConsent: boolean;
  /** The first date of the activities a cohort can be selected by (as analytics' steps name them). */
  firstOn: Partial<Record<'assessed' | 'l2Enrolled' | 'courseCompleted' | 'internshipStarted' | 'mentored', string>>;
}

/** A stable UUID for a name: the same demo record always gets the same id. */
export function demoId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const list = (v: string | undefined) => (v ? v.split(';').filter(Boolean) : []);
const time = (on: string) => new Date(`${on}T12:00:00Z`);

export function demoEvents(programme: DemoProgramme): DemoEvents {
  const seed = String(programme.seed);
  const events: CloudEvent[] = [];
  const people: DemoEventPerson[] = [];
  // Event ids by position: loading the same programme twice stores each event once.
  const at = (e: CloudEvent) => events.push({ ...e, id: demoId(seed, 'event', String(events.length)) });
  for (const def of programme.sites) {
    const s = def.site;
    const site = { siteCode: s.code, country: s.country };
    at(
      buildEvent(
        'meic.site.registered.v1',
        { ...site, occurredOn: s.startedOn, name: s.name, city: s.city, programme: s.programme, clusterName: s.clusterName, startedOn: s.startedOn, defaultLanguage: s.defaultLanguage, targets: s.targets },
        { time: time(s.startedOn) },
      ),
    );
    for (const o of def.organisations ?? []) {
      at(
        buildEvent(
          'meic.organisation.joined.v1',
          { ...site, occurredOn: o.joinedOn, organisationId: demoId(seed, 'org', s.code, o.name), name: o.name, type: o.type as never, naceSector: (o.naceSector ?? null) as never, communityOfInterest: o.communityOfInterest ?? false },
          { time: time(o.joinedOn) },
        ),
      );
    }
    for (const c of def.courses ?? []) {
      const provider = (def.organisations ?? []).find((o) => o.name === c.provider);
      at(
        buildEvent(
          'meic.course.created.v1',
          {
            ...site,
            occurredOn: c.startsOn,
            courseId: demoId(seed, 'course', s.code, c.title),
            courseType: c.type as never,
            title: c.title,
            providerOrgId: demoId(seed, 'org', s.code, c.provider),
            providerOrgType: (provider?.type ?? 'vet_provider') as never,
            hours: c.hours,
            startsOn: c.startsOn,
            endsOn: c.endsOn,
            cefrTarget: (c.cefrTarget ?? null) as never,
          },
          { time: time(c.startsOn) },
        ),
      );
    }
    for (const m of def.mentors ?? []) {
      at(buildEvent('meic.mentor.registered.v1', { ...site, occurredOn: s.startedOn, mentorId: demoId(seed, 'mentor', s.code, m.displayName), languages: m.languages, areas: m.areas as never }, { time: time(s.startedOn) }));
    }
  }

  const siteOf = new Map(programme.sites.map((d) => [d.site.code, d]));
  for (const p of programme.people) {
    const def = siteOf.get(p.siteCode);
    if (!def) throw new Error(`demo person ${p.ref} at unknown site ${p.siteCode}`);
    const s = def.site;
    const enrolment = p.records.find((r) => r.type === 'beneficiaries')?.row;
    if (!enrolment) throw new Error(`demo person ${p.ref} has no beneficiaries row`);
    const enrolledOn = enrolment.enrolledOn as string;
    const person = {
      pseudonym: demoId(seed, 'pseudonym', s.code, p.ref),
      siteCode: s.code,
      country: s.country,
      sex: enrolment.sex as never,
      ageBand: ageBandOf(Number((enrolment['person.birthDate'] as string).slice(0, 4)), enrolledOn),
      citizenship: enrolment.citizenship as string,
      legalStatus: enrolment.legalStatus as never,
    };
    const truth: DemoEventPerson = {
      ...person,
      programme: s.programme,
      enrolledOn,
      placedOn: null,
      droppedOn: null,
      evaluationConsent: enrolment['consent.evaluationFollowUp'] === 'true',
      firstOn: {},
    };
    const first = (step: keyof DemoEventPerson['firstOn'], on: string) => {
      const cur = truth.firstOn[step];
      if (cur === undefined || on < cur) truth.firstOn[step] = on;
    };
    people.push(truth);
    const course = (title: string) => (def.courses ?? []).find((c) => c.title === title);
    const org = (name: string) => (def.organisations ?? []).find((o) => o.name === name);
    const cefrAtStart = new Map<string, string>();
    const placements: { id: string; on: string }[] = [];
    p.records.forEach((r, i) => {
      const row = r.row;
      const id = (kind: string) => demoId(seed, kind, s.code, p.ref, String(i));
      switch (r.type) {
        case 'beneficiaries':
          at(buildEvent('meic.beneficiary.enrolled.v2', { ...person, programme: s.programme, occurredOn: enrolledOn }, { time: time(enrolledOn) }));
          at(
            buildEvent(
              'meic.beneficiary.consent-recorded.v2',
              { pseudonym: person.pseudonym, siteCode: s.code, country: s.country, occurredOn: enrolment['consent.recordedOn'] as string, evaluationFollowUp: truth.evaluationConsent },
              { time: time(enrolledOn) },
            ),
          );
          break;
        case 'assessments':
          first('assessed', row.assessedOn as string);
          at(
            buildEvent(
              'meic.beneficiary.assessed.v2',
              { ...person, occurredOn: row.assessedOn as string, assessmentId: id('assessment'), barriers: eventBarriersOf(list(row.barriers) as Barrier[]), recommendedActivities: list(row.recommendedActivities) as never },
              { time: time(row.assessedOn as string) },
            ),
          );
          break;
        case 'enrolments': {
          const c = course(row.courseTitle as string);
          if (!c) throw new Error(`demo course ${row.courseTitle} unknown at ${s.code}`);
          if (row.cefrLevelAtStart) cefrAtStart.set(c.title, row.cefrLevelAtStart);
          if (c.type === 'l2_language') first('l2Enrolled', row.enrolledOn as string);
          at(
            buildEvent(
              'meic.course.enrolled.v2',
              { ...person, occurredOn: row.enrolledOn as string, courseId: demoId(seed, 'course', s.code, c.title), courseType: c.type as never, cefrLevelAtStart: (row.cefrLevelAtStart ?? null) as never },
              { time: time(row.enrolledOn as string) },
            ),
          );
          break;
        }
        case 'completions': {
          const c = course(row.courseTitle as string);
          if (!c) throw new Error(`demo course ${row.courseTitle} unknown at ${s.code}`);
          if (row.outcome === 'completed') first('courseCompleted', row.completedOn as string);
          at(
            buildEvent(
              'meic.course.completed.v2',
              {
                ...person,
                occurredOn: row.completedOn as string,
                courseId: demoId(seed, 'course', s.code, c.title),
                courseType: c.type as never,
                outcome: row.outcome as never,
                hoursAttended: Number(row.hoursAttended),
                cefrTarget: (c.cefrTarget ?? null) as never,
                cefrLevelAtStart: (cefrAtStart.get(c.title) ?? null) as never,
                cefrLevelReached: (row.cefrLevelReached || null) as never,
              },
              { time: time(row.completedOn as string) },
            ),
          );
          break;
        }
        case 'internships': {
          const host = org(row.hostOrg as string);
          first('internshipStarted', row.startedOn as string);
          const internship = { internshipId: id('internship'), hostOrgId: demoId(seed, 'org', s.code, row.hostOrg as string), hostOrgType: (host?.type ?? 'enterprise') as never };
          at(buildEvent('meic.internship.started.v2', { ...person, ...internship, occurredOn: row.startedOn as string, plannedEndOn: row.plannedEndOn as string }, { time: time(row.startedOn as string) }));
          if (row.endedOn) {
            at(buildEvent('meic.internship.ended.v2', { ...person, ...internship, occurredOn: row.endedOn, startedOn: row.startedOn as string, outcome: row.outcome as never }, { time: time(row.endedOn) }));
          }
          break;
        }
        case 'placements': {
          const employer = row.employerOrg ? org(row.employerOrg) : undefined;
          const placementId = id('placement');
          placements.push({ id: placementId, on: row.startedOn as string });
          truth.placedOn ??= row.startedOn as string;
          at(
            buildEvent(
              'meic.beneficiary.placed.v2',
              {
                ...person,
                occurredOn: row.startedOn as string,
                placementId,
                employerOrgId: row.employerOrg ? demoId(seed, 'org', s.code, row.employerOrg) : null,
                employerOrgType: (employer?.type ?? null) as never,
                contractType: row.contractType as never,
                hoursPerWeek: Number(row.hoursPerWeek),
                naceSector: row.naceSector as never,
              },
              { time: time(row.startedOn as string) },
            ),
          );
          break;
        }
        case 'follow-ups': {
          const placement = row.placementStartedOn ? placements.find((x) => x.on === row.placementStartedOn) : placements[placements.length - 1];
          if (!placement) throw new Error(`demo follow-up of ${p.ref} without a placement`);
          at(
            buildEvent(
              'meic.beneficiary.followed-up.v2',
              { ...person, occurredOn: row.recordedOn as string, placementId: placement.id, placedOn: placement.on, monthsAfterPlacement: Number(row.monthsAfterPlacement) as never, employed: row.employed === 'true' },
              { time: time(row.recordedOn as string) },
            ),
          );
          break;
        }
        case 'dropouts':
          truth.droppedOn = row.on as string;
          at(buildEvent('meic.beneficiary.dropped-out.v2', { ...person, occurredOn: row.on as string, reason: eventDropoutReasonOf(row.reason as DropoutReason) }, { time: time(row.on as string) }));
          break;
        case 'mentoring-matches': {
          first('mentored', row.startedOn as string);
          const match = { matchId: id('match'), mentorId: demoId(seed, 'mentor', s.code, row.mentor as string) };
          at(buildEvent('meic.mentoring.started.v2', { ...person, ...match, occurredOn: row.startedOn as string, areas: list(row.areas) as never }, { time: time(row.startedOn as string) }));
          if (row.endedOn) at(buildEvent('meic.mentoring.ended.v2', { ...person, ...match, occurredOn: row.endedOn, startedOn: row.startedOn as string }, { time: time(row.endedOn) }));
          break;
        }
        default: {
          const never: never = r.type;
          throw new Error(`unknown demo record type ${String(never)}`);
        }
      }
    });
  }
  return { events, people };
}
