-- Every domain event as received, deduplicated on its CloudEvents id (redelivery is harmless).
-- `{db}` is replaced by the configured database name.
CREATE TABLE IF NOT EXISTS {db}.events
(
    event_id     UUID,
    type         LowCardinality(String),
    source       LowCardinality(String),
    subject      String,
    time         DateTime64(3, 'UTC'),
    site_code    LowCardinality(String),
    country      LowCardinality(String),
    occurred_on  Date32,
    beneficiary_id String,
    data         String,
    topic        LowCardinality(String),
    partition    UInt16,
    offset       UInt64,
    ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(ingested_at)
ORDER BY event_id
