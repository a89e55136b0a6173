-- People are keyed by their pseudonym, never by the beneficiary id (ADR 0014). Person events
-- now carry `pseudonym` (a random UUID the beneficiaries service forgets on erasure) instead of
-- `beneficiaryId`, in new versions of each type. Rows stored from the retired versions link a
-- person's facts to their id: they are deleted, and every table built from events is rebuilt from
-- what remains. (No deployment holds such rows; one that did would re-publish its records as the
-- new versions before applying this.)

DROP VIEW IF EXISTS {db}.participants_mv;
DROP VIEW IF EXISTS {db}.consents_mv;
DROP VIEW IF EXISTS {db}.organisations_mv;
DROP VIEW IF EXISTS {db}.contributions_mv;

ALTER TABLE {db}.events
    DELETE WHERE type IN ('meic.beneficiary.enrolled.v1', 'meic.beneficiary.consent-recorded.v1', 'meic.beneficiary.assessed.v1', 'meic.beneficiary.placed.v1', 'meic.beneficiary.followed-up.v1', 'meic.beneficiary.dropped-out.v1', 'meic.beneficiary.erased.v1', 'meic.pathway.stage-changed.v1', 'meic.pathway.task-raised.v1', 'meic.course.enrolled.v1', 'meic.course.completed.v1', 'meic.internship.started.v1', 'meic.internship.ended.v1', 'meic.mentoring.started.v1', 'meic.mentoring.ended.v1') OR JSONHas(data, 'beneficiaryId')
    SETTINGS mutations_sync = 2;

ALTER TABLE {db}.events RENAME COLUMN beneficiary_id TO pseudonym;

DROP TABLE IF EXISTS {db}.participants;
DROP TABLE IF EXISTS {db}.consents;
TRUNCATE TABLE {db}.organisations;
TRUNCATE TABLE {db}.contributions;

-- One row per person (by pseudonym): enrolment site and coarse attributes, and the first date of each step.
CREATE TABLE {db}.participants
(
    pseudonym               String,
    site_code               SimpleAggregateFunction(max, String),
    country                 SimpleAggregateFunction(max, String),
    programme               SimpleAggregateFunction(max, String),
    sex                     SimpleAggregateFunction(max, String),
    age_band                SimpleAggregateFunction(max, String),
    citizenship             SimpleAggregateFunction(max, String),
    legal_status            SimpleAggregateFunction(max, String),
    enrolled_on             SimpleAggregateFunction(min, Nullable(Date32)),
    assessed_on             SimpleAggregateFunction(min, Nullable(Date32)),
    course_enrolled_on      SimpleAggregateFunction(min, Nullable(Date32)),
    -- first course left with outcome "completed"
    course_completed_on     SimpleAggregateFunction(min, Nullable(Date32)),
    l2_enrolled_on          SimpleAggregateFunction(min, Nullable(Date32)),
    -- first L2 course left (any outcome), and first one left at least one CEFR level higher
    l2_left_on              SimpleAggregateFunction(min, Nullable(Date32)),
    l2_improved_on          SimpleAggregateFunction(min, Nullable(Date32)),
    -- vocational, company or entrepreneurship training (MEIC-05)
    vocational_enrolled_on  SimpleAggregateFunction(min, Nullable(Date32)),
    course_types            SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    internship_started_on   SimpleAggregateFunction(min, Nullable(Date32)),
    internship_ended_on     SimpleAggregateFunction(min, Nullable(Date32)),
    placed_on               SimpleAggregateFunction(min, Nullable(Date32)),
    -- 'YYYY-MM-DD|contract type' of the first placement: ISO dates sort as strings, so min picks it
    first_placement         SimpleAggregateFunction(min, Nullable(String)),
    followup_3_on           SimpleAggregateFunction(min, Nullable(Date32)),
    followup_6_on           SimpleAggregateFunction(min, Nullable(Date32)),
    followup_12_on          SimpleAggregateFunction(min, Nullable(Date32)),
    -- 1 = employed at that follow-up (of any placement), 0 = not, NULL = not recorded
    employed_3              SimpleAggregateFunction(max, Nullable(UInt8)),
    employed_6              SimpleAggregateFunction(max, Nullable(UInt8)),
    employed_12             SimpleAggregateFunction(max, Nullable(UInt8)),
    mentored_on             SimpleAggregateFunction(min, Nullable(Date32)),
    dropped_on              SimpleAggregateFunction(min, Nullable(Date32)),
    erased_on               SimpleAggregateFunction(min, Nullable(Date32)),
    employed_3_on           SimpleAggregateFunction(min, Nullable(Date32)),
    employed_6_on           SimpleAggregateFunction(min, Nullable(Date32)),
    employed_12_on          SimpleAggregateFunction(min, Nullable(Date32))
)
ENGINE = AggregatingMergeTree
ORDER BY pseudonym;

CREATE MATERIALIZED VIEW {db}.participants_mv TO {db}.participants AS
SELECT
    pseudonym,
    max(if(type = 'meic.beneficiary.enrolled.v2', site_code, '')) AS site_code,
    max(if(type = 'meic.beneficiary.enrolled.v2', country, '')) AS country,
    max(if(type = 'meic.beneficiary.enrolled.v2', JSONExtractString(data, 'programme'), '')) AS programme,
    max(if(type = 'meic.beneficiary.enrolled.v2', JSONExtractString(data, 'sex'), '')) AS sex,
    max(if(type = 'meic.beneficiary.enrolled.v2', JSONExtractString(data, 'ageBand'), '')) AS age_band,
    max(if(type = 'meic.beneficiary.enrolled.v2', JSONExtractString(data, 'citizenship'), '')) AS citizenship,
    max(if(type = 'meic.beneficiary.enrolled.v2', JSONExtractString(data, 'legalStatus'), '')) AS legal_status,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.enrolled.v2') AS enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.assessed.v2') AS assessed_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v2') AS course_enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v2' AND JSONExtractString(data, 'outcome') = 'completed') AS course_completed_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v2' AND JSONExtractString(data, 'courseType') = 'l2_language') AS l2_enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v2' AND JSONExtractString(data, 'courseType') = 'l2_language') AS l2_left_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v2' AND JSONExtractString(data, 'courseType') = 'l2_language'
        AND indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelReached'))
          > indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelAtStart'))
        AND indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelAtStart')) > 0) AS l2_improved_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v2'
        AND JSONExtractString(data, 'courseType') IN ('vocational_training', 'company_training', 'entrepreneurship_lab')) AS vocational_enrolled_on,
    groupUniqArrayIf(JSONExtractString(data, 'courseType'), type = 'meic.course.enrolled.v2') AS course_types,
    minIf(toNullable(occurred_on), type = 'meic.internship.started.v2') AS internship_started_on,
    minIf(toNullable(occurred_on), type = 'meic.internship.ended.v2') AS internship_ended_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.placed.v2') AS placed_on,
    minIf(toNullable(concat(toString(occurred_on), '|', JSONExtractString(data, 'contractType'))), type = 'meic.beneficiary.placed.v2') AS first_placement,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3) AS followup_3_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6) AS followup_6_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12) AS followup_12_on,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3) AS employed_3,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6) AS employed_6,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12) AS employed_12,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3 AND JSONExtractBool(data, 'employed')) AS employed_3_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6 AND JSONExtractBool(data, 'employed')) AS employed_6_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v2' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12 AND JSONExtractBool(data, 'employed')) AS employed_12_on,
    minIf(toNullable(occurred_on), type = 'meic.mentoring.started.v2') AS mentored_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.dropped-out.v2') AS dropped_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.erased.v2') AS erased_on
FROM {db}.events
WHERE pseudonym != ''
GROUP BY pseudonym;

-- The consent to evaluation follow-up in force per person: the latest recorded wins.
CREATE TABLE {db}.consents
(
    pseudonym            String,
    evaluation_follow_up UInt8,
    recorded_on          Date32,
    version              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY pseudonym;

CREATE MATERIALIZED VIEW {db}.consents_mv TO {db}.consents AS
SELECT
    pseudonym,
    toUInt8(JSONExtractBool(data, 'evaluationFollowUp')) AS evaluation_follow_up,
    occurred_on AS recorded_on,
    time AS version
FROM {db}.events
WHERE type = 'meic.beneficiary.consent-recorded.v2';

CREATE MATERIALIZED VIEW {db}.organisations_mv TO {db}.organisations AS
SELECT
    organisation_id,
    max(if(event_type = 'meic.organisation.joined.v1', site_code, '')) AS site_code,
    max(if(event_type = 'meic.organisation.joined.v1', JSONExtractString(data, 'type'), '')) AS type,
    minIf(toNullable(occurred_on), event_type = 'meic.organisation.joined.v1') AS joined_on,
    minIf(toNullable(occurred_on), event_type = 'meic.organisation.left.v1') AS left_on,
    minIf(toNullable(occurred_on), event_type = 'meic.course.created.v1') AS first_course_on,
    minIf(toNullable(occurred_on), event_type = 'meic.internship.started.v2') AS first_hosted_on,
    minIf(toNullable(occurred_on), event_type = 'meic.beneficiary.placed.v2') AS first_hired_on
FROM
(
    SELECT
        multiIf(
            type IN ('meic.organisation.joined.v1', 'meic.organisation.left.v1'), JSONExtractString(data, 'organisationId'),
            type = 'meic.course.created.v1', JSONExtractString(data, 'providerOrgId'),
            type = 'meic.internship.started.v2', JSONExtractString(data, 'hostOrgId'),
            type = 'meic.beneficiary.placed.v2', JSONExtractString(data, 'employerOrgId'),
            '') AS organisation_id,
        type AS event_type, site_code, occurred_on, data
    FROM {db}.events
    WHERE type IN ('meic.organisation.joined.v1', 'meic.organisation.left.v1', 'meic.course.created.v1', 'meic.internship.started.v2', 'meic.beneficiary.placed.v2')
)
WHERE organisation_id != ''
GROUP BY organisation_id;

CREATE MATERIALIZED VIEW {db}.contributions_mv TO {db}.contributions AS
SELECT
    event_id,
    multiIf(type = 'meic.internship.started.v2', 'internship', type = 'meic.beneficiary.placed.v2', 'placement', 'course') AS kind,
    site_code,
    country,
    occurred_on,
    multiIf(type = 'meic.internship.started.v2', JSONExtractString(data, 'hostOrgId'),
            type = 'meic.beneficiary.placed.v2', JSONExtractString(data, 'employerOrgId'),
            JSONExtractString(data, 'providerOrgId')) AS organisation_id,
    multiIf(type = 'meic.internship.started.v2', JSONExtractString(data, 'hostOrgType'),
            type = 'meic.beneficiary.placed.v2', JSONExtractString(data, 'employerOrgType'),
            JSONExtractString(data, 'providerOrgType')) AS org_type,
    ingested_at
FROM {db}.events
WHERE type IN ('meic.internship.started.v2', 'meic.beneficiary.placed.v2', 'meic.course.created.v1');

-- Re-inserting the stored events runs them through the views above (see 0003).
INSERT INTO {db}.events SELECT * FROM {db}.events;
