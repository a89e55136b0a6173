-- The consents table this migration created is a projection now (src/projections, ADR 0007).

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
