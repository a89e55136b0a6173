-- Tables shaped for the KPI queries, kept up to date by materialised views on `events`.
--
-- Why only min/max aggregates: a redelivered event reaches `events` twice before
-- ReplacingMergeTree merges the copies, and a materialised view sees both inserts. min and max
-- give the same result however often they see a row, so these tables never double-count and
-- need no FINAL to be correct (FINAL only collapses the partial rows of different inserts).

-- One row per person: enrolment site and coarse attributes, and the first date of each step.
CREATE TABLE IF NOT EXISTS {db}.participants
(
    beneficiary_id          String,
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
    erased_on               SimpleAggregateFunction(min, Nullable(Date32))
)
ENGINE = AggregatingMergeTree
ORDER BY beneficiary_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.participants_mv TO {db}.participants AS
SELECT
    beneficiary_id,
    max(if(type = 'meic.beneficiary.enrolled.v1', site_code, '')) AS site_code,
    max(if(type = 'meic.beneficiary.enrolled.v1', country, '')) AS country,
    max(if(type = 'meic.beneficiary.enrolled.v1', JSONExtractString(data, 'programme'), '')) AS programme,
    max(if(type = 'meic.beneficiary.enrolled.v1', JSONExtractString(data, 'sex'), '')) AS sex,
    max(if(type = 'meic.beneficiary.enrolled.v1', JSONExtractString(data, 'ageBand'), '')) AS age_band,
    max(if(type = 'meic.beneficiary.enrolled.v1', JSONExtractString(data, 'citizenship'), '')) AS citizenship,
    max(if(type = 'meic.beneficiary.enrolled.v1', JSONExtractString(data, 'legalStatus'), '')) AS legal_status,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.enrolled.v1') AS enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.assessed.v1') AS assessed_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v1') AS course_enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v1' AND JSONExtractString(data, 'outcome') = 'completed') AS course_completed_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v1' AND JSONExtractString(data, 'courseType') = 'l2_language') AS l2_enrolled_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v1' AND JSONExtractString(data, 'courseType') = 'l2_language') AS l2_left_on,
    minIf(toNullable(occurred_on), type = 'meic.course.completed.v1' AND JSONExtractString(data, 'courseType') = 'l2_language'
        AND indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelReached'))
          > indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelAtStart'))
        AND indexOf(['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], JSONExtractString(data, 'cefrLevelAtStart')) > 0) AS l2_improved_on,
    minIf(toNullable(occurred_on), type = 'meic.course.enrolled.v1'
        AND JSONExtractString(data, 'courseType') IN ('vocational_training', 'company_training', 'entrepreneurship_lab')) AS vocational_enrolled_on,
    groupUniqArrayIf(JSONExtractString(data, 'courseType'), type = 'meic.course.enrolled.v1') AS course_types,
    minIf(toNullable(occurred_on), type = 'meic.internship.started.v1') AS internship_started_on,
    minIf(toNullable(occurred_on), type = 'meic.internship.ended.v1') AS internship_ended_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.placed.v1') AS placed_on,
    minIf(toNullable(concat(toString(occurred_on), '|', JSONExtractString(data, 'contractType'))), type = 'meic.beneficiary.placed.v1') AS first_placement,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3) AS followup_3_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6) AS followup_6_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12) AS followup_12_on,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3) AS employed_3,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6) AS employed_6,
    maxIf(toNullable(toUInt8(JSONExtractBool(data, 'employed'))), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12) AS employed_12,
    minIf(toNullable(occurred_on), type = 'meic.mentoring.started.v1') AS mentored_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.dropped-out.v1') AS dropped_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.erased.v1') AS erased_on
FROM {db}.events
WHERE beneficiary_id != ''
GROUP BY beneficiary_id;

-- The latest state of each site (site.updated carries the whole state).
CREATE TABLE IF NOT EXISTS {db}.sites
(
    site_code              String,
    country                LowCardinality(String),
    programme              LowCardinality(String),
    name                   String,
    city                   String,
    cluster_name           String,
    started_on             Date32,
    target_enrolled        UInt32,
    target_placed          UInt32,
    target_women_share_pct Float64,
    version                DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY site_code;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.sites_mv TO {db}.sites AS
SELECT
    site_code,
    country,
    JSONExtractString(data, 'programme') AS programme,
    JSONExtractString(data, 'name') AS name,
    JSONExtractString(data, 'city') AS city,
    JSONExtractString(data, 'clusterName') AS cluster_name,
    toDate32(JSONExtractString(data, 'startedOn')) AS started_on,
    JSONExtract(data, 'targets', 'enrolled', 'UInt32') AS target_enrolled,
    JSONExtract(data, 'targets', 'placed', 'UInt32') AS target_placed,
    JSONExtract(data, 'targets', 'womenSharePct', 'Float64') AS target_women_share_pct,
    time AS version
FROM {db}.events
WHERE type IN ('meic.site.registered.v1', 'meic.site.updated.v1');

-- One row per cluster member: type, membership dates, first date of each kind of contribution.
CREATE TABLE IF NOT EXISTS {db}.organisations
(
    organisation_id   String,
    site_code         SimpleAggregateFunction(max, String),
    type              SimpleAggregateFunction(max, String),
    joined_on         SimpleAggregateFunction(min, Nullable(Date32)),
    left_on           SimpleAggregateFunction(min, Nullable(Date32)),
    first_course_on   SimpleAggregateFunction(min, Nullable(Date32)),
    first_hosted_on   SimpleAggregateFunction(min, Nullable(Date32)),
    first_hired_on    SimpleAggregateFunction(min, Nullable(Date32))
)
ENGINE = AggregatingMergeTree
ORDER BY organisation_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.organisations_mv TO {db}.organisations AS
SELECT
    organisation_id,
    max(if(event_type = 'meic.organisation.joined.v1', site_code, '')) AS site_code,
    max(if(event_type = 'meic.organisation.joined.v1', JSONExtractString(data, 'type'), '')) AS type,
    minIf(toNullable(occurred_on), event_type = 'meic.organisation.joined.v1') AS joined_on,
    minIf(toNullable(occurred_on), event_type = 'meic.organisation.left.v1') AS left_on,
    minIf(toNullable(occurred_on), event_type = 'meic.course.created.v1') AS first_course_on,
    minIf(toNullable(occurred_on), event_type = 'meic.internship.started.v1') AS first_hosted_on,
    minIf(toNullable(occurred_on), event_type = 'meic.beneficiary.placed.v1') AS first_hired_on
FROM
(
    SELECT
        multiIf(
            type IN ('meic.organisation.joined.v1', 'meic.organisation.left.v1'), JSONExtractString(data, 'organisationId'),
            type = 'meic.course.created.v1', JSONExtractString(data, 'providerOrgId'),
            type = 'meic.internship.started.v1', JSONExtractString(data, 'hostOrgId'),
            type = 'meic.beneficiary.placed.v1', JSONExtractString(data, 'employerOrgId'),
            '') AS organisation_id,
        type AS event_type, site_code, occurred_on, data
    FROM {db}.events
    WHERE type IN ('meic.organisation.joined.v1', 'meic.organisation.left.v1', 'meic.course.created.v1', 'meic.internship.started.v1', 'meic.beneficiary.placed.v1')
)
WHERE organisation_id != ''
GROUP BY organisation_id;

-- Internships, placements and courses each counted once (keyed by the event), with the type of
-- the contributing organisation as the event recorded it (MEIC-15).
CREATE TABLE IF NOT EXISTS {db}.contributions
(
    event_id        UUID,
    kind            LowCardinality(String),
    site_code       LowCardinality(String),
    country         LowCardinality(String),
    occurred_on     Date32,
    organisation_id String,
    org_type        LowCardinality(String),
    ingested_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
ORDER BY event_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.contributions_mv TO {db}.contributions AS
SELECT
    event_id,
    multiIf(type = 'meic.internship.started.v1', 'internship', type = 'meic.beneficiary.placed.v1', 'placement', 'course') AS kind,
    site_code,
    country,
    occurred_on,
    multiIf(type = 'meic.internship.started.v1', JSONExtractString(data, 'hostOrgId'),
            type = 'meic.beneficiary.placed.v1', JSONExtractString(data, 'employerOrgId'),
            JSONExtractString(data, 'providerOrgId')) AS organisation_id,
    multiIf(type = 'meic.internship.started.v1', JSONExtractString(data, 'hostOrgType'),
            type = 'meic.beneficiary.placed.v1', JSONExtractString(data, 'employerOrgType'),
            JSONExtractString(data, 'providerOrgType')) AS org_type,
    ingested_at
FROM {db}.events
WHERE type IN ('meic.internship.started.v1', 'meic.beneficiary.placed.v1', 'meic.course.created.v1');

-- Backfill: re-inserting the stored events runs them through the views above. The copies collapse
-- with the originals in `events` (same event_id) and the views' aggregates are idempotent.
INSERT INTO {db}.events SELECT * FROM {db}.events;
