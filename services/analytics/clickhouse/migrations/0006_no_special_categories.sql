-- Health is a special category (GDPR art. 9) and never leaves the beneficiaries service, not even
-- as a code (ADR 0013). meic.beneficiary.assessed.v1 and dropped-out.v1 could say `health`; their v2
-- successors merge it with `other` as `personal_or_other`, and ingest upcasts any v1 it still reads.
-- This rewrites what was stored before: each v1 row becomes the v2 row ingest would store now (same
-- event id, so a later redelivery is still collapsed), and the person view reads the v2 types.
-- The person view holds dates only, so nothing in it said health.
ALTER TABLE {db}.events
    UPDATE
        type = 'meic.beneficiary.assessed.v2',
        data = replaceRegexpOne(data, '"barriers":\\[[^\\]]*\\]', concat('"barriers":', toJSONString(arrayDistinct(arrayMap(b -> if(b IN ('health', 'other'), 'personal_or_other', b), JSONExtract(data, 'barriers', 'Array(String)'))))))
    WHERE type = 'meic.beneficiary.assessed.v1'
    SETTINGS mutations_sync = 2;

ALTER TABLE {db}.events
    UPDATE
        type = 'meic.beneficiary.dropped-out.v2',
        data = replaceRegexpOne(data, '"reason":"(health|other)"', '"reason":"personal_or_other"')
    WHERE type = 'meic.beneficiary.dropped-out.v1'
    SETTINGS mutations_sync = 2;

DROP VIEW IF EXISTS {db}.participants_mv;

CREATE MATERIALIZED VIEW {db}.participants_mv TO {db}.participants AS
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
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.assessed.v2') AS assessed_on,
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
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 3 AND JSONExtractBool(data, 'employed')) AS employed_3_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 6 AND JSONExtractBool(data, 'employed')) AS employed_6_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.followed-up.v1' AND JSONExtractInt(data, 'monthsAfterPlacement') = 12 AND JSONExtractBool(data, 'employed')) AS employed_12_on,
    minIf(toNullable(occurred_on), type = 'meic.mentoring.started.v1') AS mentored_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.dropped-out.v2') AS dropped_on,
    minIf(toNullable(occurred_on), type = 'meic.beneficiary.erased.v1') AS erased_on
FROM {db}.events
WHERE beneficiary_id != ''
GROUP BY beneficiary_id;
