-- People are keyed by their pseudonym, never by the beneficiary id (ADR 0014). Person events
-- now carry `pseudonym` (a random UUID the beneficiaries service forgets on erasure) instead of
-- `beneficiaryId`, in new versions of each type. Rows stored from the retired versions link a
-- person's facts to their id: they are deleted, and every table built from events (a projection,
-- src/projections) is rebuilt from what remains. (No deployment holds such rows; one that did
-- would re-publish its records as the new versions before applying this.)

ALTER TABLE {db}.events
    DELETE WHERE type IN ('meic.beneficiary.enrolled.v1', 'meic.beneficiary.consent-recorded.v1', 'meic.beneficiary.assessed.v1', 'meic.beneficiary.placed.v1', 'meic.beneficiary.followed-up.v1', 'meic.beneficiary.dropped-out.v1', 'meic.beneficiary.erased.v1', 'meic.pathway.stage-changed.v1', 'meic.pathway.task-raised.v1', 'meic.course.enrolled.v1', 'meic.course.completed.v1', 'meic.internship.started.v1', 'meic.internship.ended.v1', 'meic.mentoring.started.v1', 'meic.mentoring.ended.v1') OR JSONHas(data, 'beneficiaryId')
    SETTINGS mutations_sync = 2;

ALTER TABLE {db}.events RENAME COLUMN beneficiary_id TO pseudonym;
