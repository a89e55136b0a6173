-- Health is a special category (GDPR art. 9) and never leaves the beneficiaries service, not even
-- as a code (ADR 0013). meic.beneficiary.assessed.v1 and dropped-out.v1 could say `health`; their v2
-- successors merge it with `other` as `personal_or_other`, and ingest upcasts any v1 it still reads.
-- This rewrites what was stored before: each v1 row becomes the v2 row ingest would store now (same
-- event id, so a later redelivery is still collapsed). The tables built from events read the v2
-- types and hold dates only, so nothing in them said health.
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
