import { anyOf, attribute, firstOn, on, value, type Projection } from './projection';

// Every table the KPI queries read, as a projection of `events` (ADR 0007). Changing one here
// rebuilds that table from the stored events when the service starts (projections.applier.ts):
// no migration is written for it.

const enrolled = on('meic.beneficiary.enrolled.v2');
const assessed = on('meic.beneficiary.assessed.v2');
const courseEnrolled = on('meic.course.enrolled.v2');
const courseCompleted = on('meic.course.completed.v2');
const courseCreated = on('meic.course.created.v1');
const internshipStarted = on('meic.internship.started.v2');
const internshipEnded = on('meic.internship.ended.v2');
const placed = on('meic.beneficiary.placed.v2');
const followedUp = on('meic.beneficiary.followed-up.v2');
const mentoringStarted = on('meic.mentoring.started.v2');
const droppedOut = on('meic.beneficiary.dropped-out.v2');
const erased = on('meic.beneficiary.erased.v2');
const consentRecorded = on('meic.beneficiary.consent-recorded.v2');
const siteRegistered = on('meic.site.registered.v1');
const siteUpdated = on('meic.site.updated.v1');
const orgJoined = on('meic.organisation.joined.v1');
const orgLeft = on('meic.organisation.left.v1');

const CEFR = "['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']";
const cefrRank = (level: string) => `indexOf(${CEFR}, ${level})`;
const l2Course = courseCompleted.eq('courseType', 'l2_language');
const months = (m: 3 | 6 | 12) => followedUp.eq('monthsAfterPlacement', m);
const employedAt = (m: 3 | 6 | 12) => value('SimpleAggregateFunction(max, Nullable(UInt8))', `maxIf(toNullable(toUInt8(${followedUp.field('employed')})), ${followedUp.is(months(m))})`);

/** One row per person (by pseudonym): enrolment site and coarse attributes, and the first date of each step. */
export const participants: Projection = {
  name: 'participants',
  engine: 'AggregatingMergeTree',
  orderBy: 'pseudonym',
  columns: {
    pseudonym: value('String', 'pseudonym'),
    site_code: attribute(enrolled, 'site_code'),
    country: attribute(enrolled, 'country'),
    programme: attribute(enrolled, enrolled.field('programme')),
    sex: attribute(enrolled, enrolled.field('sex')),
    age_band: attribute(enrolled, enrolled.field('ageBand')),
    citizenship: attribute(enrolled, enrolled.field('citizenship')),
    legal_status: attribute(enrolled, enrolled.field('legalStatus')),
    enrolled_on: firstOn(enrolled),
    assessed_on: firstOn(assessed),
    course_enrolled_on: firstOn(courseEnrolled),
    // first course left with outcome "completed"
    course_completed_on: firstOn(courseCompleted, courseCompleted.eq('outcome', 'completed')),
    l2_enrolled_on: firstOn(courseEnrolled, courseEnrolled.eq('courseType', 'l2_language')),
    // first L2 course left (any outcome), and first one left at least one CEFR level higher
    l2_left_on: firstOn(courseCompleted, l2Course),
    l2_improved_on: firstOn(
      courseCompleted,
      l2Course,
      `${cefrRank(courseCompleted.field('cefrLevelReached'))} > ${cefrRank(courseCompleted.field('cefrLevelAtStart'))}`,
      `${cefrRank(courseCompleted.field('cefrLevelAtStart'))} > 0`,
    ),
    // vocational, company or entrepreneurship training (MEIC-05)
    vocational_enrolled_on: firstOn(courseEnrolled, courseEnrolled.in('courseType', ['vocational_training', 'company_training', 'entrepreneurship_lab'])),
    course_types: value('SimpleAggregateFunction(groupUniqArrayArray, Array(String))', `groupUniqArrayIf(${courseEnrolled.field('courseType')}, ${courseEnrolled.is()})`),
    internship_started_on: firstOn(internshipStarted),
    internship_ended_on: firstOn(internshipEnded),
    placed_on: firstOn(placed),
    // 'YYYY-MM-DD|contract type' of the first placement: ISO dates sort as strings, so min picks it
    first_placement: value('SimpleAggregateFunction(min, Nullable(String))', `minIf(toNullable(concat(toString(occurred_on), '|', ${placed.field('contractType')})), ${placed.is()})`),
    followup_3_on: firstOn(followedUp, months(3)),
    followup_6_on: firstOn(followedUp, months(6)),
    followup_12_on: firstOn(followedUp, months(12)),
    // 1 = employed at that follow-up (of any placement), 0 = not, NULL = not recorded
    employed_3: employedAt(3),
    employed_6: employedAt(6),
    employed_12: employedAt(12),
    mentored_on: firstOn(mentoringStarted),
    dropped_on: firstOn(droppedOut),
    erased_on: firstOn(erased),
    // the first follow-up that said employed, at each of 3, 6 and 12 months
    employed_3_on: firstOn(followedUp, months(3), followedUp.field('employed')),
    employed_6_on: firstOn(followedUp, months(6), followedUp.field('employed')),
    employed_12_on: firstOn(followedUp, months(12), followedUp.field('employed')),
  },
  from: "FROM {db}.events\nWHERE pseudonym != ''\nGROUP BY pseudonym",
};

/** The consent to evaluation follow-up in force per person: the latest published wins. */
export const consents: Projection = {
  name: 'consents',
  engine: 'ReplacingMergeTree(version)',
  orderBy: 'pseudonym',
  columns: {
    pseudonym: value('String', 'pseudonym'),
    evaluation_follow_up: value('UInt8', `toUInt8(${consentRecorded.field('evaluationFollowUp')})`),
    recorded_on: value('Date32', 'occurred_on'),
    version: value("DateTime64(3, 'UTC')", 'time'),
  },
  from: `FROM {db}.events\nWHERE ${consentRecorded.is()}`,
};

/** The latest state of each site (site.updated carries the whole state). */
export const sites: Projection = {
  name: 'sites',
  engine: 'ReplacingMergeTree(version)',
  orderBy: 'site_code',
  columns: {
    site_code: value('String', 'site_code'),
    country: value('LowCardinality(String)', 'country'),
    programme: value('LowCardinality(String)', siteRegistered.field('programme')),
    name: value('String', siteRegistered.field('name')),
    city: value('String', siteRegistered.field('city')),
    cluster_name: value('String', siteRegistered.field('clusterName')),
    started_on: value('Date32', `toDate32(${siteRegistered.field('startedOn')})`),
    target_enrolled: value('UInt32', siteRegistered.nested('targets', 'enrolled', 'UInt32')),
    target_placed: value('UInt32', siteRegistered.nested('targets', 'placed', 'UInt32')),
    target_women_share_pct: value('Float64', siteRegistered.nested('targets', 'womenSharePct', 'Float64')),
    version: value("DateTime64(3, 'UTC')", 'time'),
  },
  // site.updated has the registration's fields: one extraction serves both.
  from: `FROM {db}.events\nWHERE ${anyOf(siteRegistered, siteUpdated)}`,
};

/** One row per cluster member: type, membership dates, first date of each kind of contribution. */
export const organisations: Projection = {
  name: 'organisations',
  engine: 'AggregatingMergeTree',
  orderBy: 'organisation_id',
  columns: {
    organisation_id: value('String', 'organisation_id'),
    site_code: attribute(orgJoined.typedBy('event_type'), 'site_code'),
    type: attribute(orgJoined.typedBy('event_type'), orgJoined.field('type')),
    joined_on: firstOn(orgJoined.typedBy('event_type')),
    left_on: firstOn(orgLeft.typedBy('event_type')),
    first_course_on: firstOn(courseCreated.typedBy('event_type')),
    first_hosted_on: firstOn(internshipStarted.typedBy('event_type')),
    first_hired_on: firstOn(placed.typedBy('event_type')),
  },
  // Each event names the organisation under its own field. The table has a column `type` (the
  // organisation's), so the events' type is `event_type` here.
  from: `FROM
(
    SELECT
        multiIf(
            ${anyOf(orgJoined, orgLeft)}, ${orgJoined.field('organisationId')},
            ${courseCreated.is()}, ${courseCreated.field('providerOrgId')},
            ${internshipStarted.is()}, ${internshipStarted.field('hostOrgId')},
            ${placed.is()}, ${placed.field('employerOrgId')},
            '') AS organisation_id,
        type AS event_type, site_code, occurred_on, data
    FROM {db}.events
    WHERE ${anyOf(orgJoined, orgLeft, courseCreated, internshipStarted, placed)}
)
WHERE organisation_id != ''
GROUP BY organisation_id`,
};

/** Internships, placements and courses each counted once (keyed by the event), with the contributing organisation's type as the event recorded it (MEIC-15). */
export const contributions: Projection = {
  name: 'contributions',
  engine: 'ReplacingMergeTree(ingested_at)',
  orderBy: 'event_id',
  columns: {
    event_id: value('UUID', 'event_id'),
    kind: value('LowCardinality(String)', `multiIf(${internshipStarted.is()}, 'internship', ${placed.is()}, 'placement', 'course')`),
    site_code: value('LowCardinality(String)', 'site_code'),
    country: value('LowCardinality(String)', 'country'),
    occurred_on: value('Date32', 'occurred_on'),
    organisation_id: value('String', `multiIf(${internshipStarted.is()}, ${internshipStarted.field('hostOrgId')}, ${placed.is()}, ${placed.field('employerOrgId')}, ${courseCreated.field('providerOrgId')})`),
    org_type: value('LowCardinality(String)', `multiIf(${internshipStarted.is()}, ${internshipStarted.field('hostOrgType')}, ${placed.is()}, ${placed.field('employerOrgType')}, ${courseCreated.field('providerOrgType')})`),
    ingested_at: value("DateTime64(3, 'UTC')", 'ingested_at'),
  },
  from: `FROM {db}.events\nWHERE ${anyOf(internshipStarted, placed, courseCreated)}`,
};

export const PROJECTIONS: readonly Projection[] = [participants, consents, sites, organisations, contributions];
