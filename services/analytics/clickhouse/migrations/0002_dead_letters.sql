-- One row per record the ingest consumer sent to its dead-letter topic, keyed by where the
-- record was read, so a redelivery after a crash (which re-sends to the DLQ topic) counts once.
CREATE TABLE IF NOT EXISTS {db}.dead_letters
(
    group_id     LowCardinality(String),
    topic        LowCardinality(String),
    partition    UInt16,
    offset       UInt64,
    event_id     String,
    type         String,
    reason       String,
    dead_lettered_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(dead_lettered_at)
ORDER BY (group_id, topic, partition, offset)
