-- The consent to evaluation follow-up in force per person (meic.beneficiary.consent-recorded):
-- the latest recorded wins, by the day it was recorded and then by the event's time. Record-level
-- extracts hold only people whose consent is true (kpis.md, domain.md); a person without any
-- consent event is not in them. The latest is the one published last (the event's time).
CREATE TABLE IF NOT EXISTS {db}.consents
(
    beneficiary_id       String,
    evaluation_follow_up UInt8,
    recorded_on          Date32,
    version              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY beneficiary_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.consents_mv TO {db}.consents AS
SELECT
    beneficiary_id,
    toUInt8(JSONExtractBool(data, 'evaluationFollowUp')) AS evaluation_follow_up,
    occurred_on AS recorded_on,
    time AS version
FROM {db}.events
WHERE type = 'meic.beneficiary.consent-recorded.v1';

-- Who took which record-level extract, when, with which filters, and how many rows it held.
CREATE TABLE IF NOT EXISTS {db}.export_audit
(
    extract_id     String,
    at             DateTime64(3, 'UTC'),
    actor          String,
    role           LowCardinality(String),
    dataset        LowCardinality(String),
    format         LowCardinality(String),
    filters        String,
    rows           UInt32,
    suppressed     UInt32,
    generalisation LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (at, extract_id);

-- Backfill: consents of events already stored.
INSERT INTO {db}.events SELECT * FROM {db}.events WHERE type = 'meic.beneficiary.consent-recorded.v1';
