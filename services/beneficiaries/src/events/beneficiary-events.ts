import { buildEvent, eventBarriersOf, eventDropoutReasonOf, type AgeBand, type Barrier, type CloudEvent, type ContractType, type DropoutReason, type LegalStatus, type OrganisationType, type RecommendedActivity, type Sex } from '@meic/contracts';
import { isoDate } from '@meic/service-kit';
import type { Assessment, Beneficiary, FollowUp, Placement } from '../generated/prisma/client';

/**
 * The events this service publishes, built from its records. Every field is picked by name —
 * records are never spread — so personal data (names, birth date, contacts, skills, employer
 * names) and the beneficiary id (the person travels as their pseudonym) cannot reach Kafka even
 * when a record carries them; buildEvent's schema check would
 * reject an unknown field anyway. beneficiary-events.spec.ts proves it for every builder.
 */

export type PersonRecord = Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country' | 'sex' | 'ageBand' | 'citizenship' | 'legalStatus'>;

/** The pseudonym events carry instead of the id; an erased person has none, and gets no event. */
export function pseudonymOf(b: Pick<Beneficiary, 'id' | 'pseudonym'>): string {
  if (!b.pseudonym) throw new Error(`beneficiary ${b.id} has no pseudonym (erased): no event may be published about them`);
  return b.pseudonym;
}

/** The pseudonym, siteCode, country and the coarse attributes recorded at enrolment (the age band too). */
export function personFacts(b: PersonRecord) {
  return {
    pseudonym: pseudonymOf(b),
    siteCode: b.siteCode,
    country: b.country,
    sex: b.sex as Sex,
    ageBand: b.ageBand as AgeBand,
    citizenship: b.citizenship,
    legalStatus: b.legalStatus as LegalStatus,
  };
}

export function enrolledEvent(b: PersonRecord & Pick<Beneficiary, 'programme' | 'enrolledOn'>): CloudEvent<'meic.beneficiary.enrolled.v2'> {
  return buildEvent('meic.beneficiary.enrolled.v2', { ...personFacts(b), programme: b.programme, occurredOn: isoDate(b.enrolledOn) });
}

/** The consent to evaluation follow-up now in force (analytics keeps only consenting people in extracts). */
export function consentRecordedEvent(b: Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country' | 'consentEvaluationFollowUp' | 'consentRecordedOn'>): CloudEvent<'meic.beneficiary.consent-recorded.v2'> {
  return buildEvent('meic.beneficiary.consent-recorded.v2', {
    pseudonym: pseudonymOf(b),
    siteCode: b.siteCode,
    country: b.country,
    occurredOn: isoDate(b.consentRecordedOn),
    evaluationFollowUp: b.consentEvaluationFollowUp,
  });
}

/** Barriers as categories, health merged with other: a special category never leaves (domain.md). */
export function assessedEvent(b: PersonRecord, a: Pick<Assessment, 'id' | 'assessedOn' | 'barriers' | 'recommendedActivities'>): CloudEvent<'meic.beneficiary.assessed.v2'> {
  return buildEvent('meic.beneficiary.assessed.v2', {
    ...personFacts(b),
    occurredOn: isoDate(a.assessedOn),
    assessmentId: a.id,
    barriers: eventBarriersOf(a.barriers as Barrier[]),
    recommendedActivities: a.recommendedActivities as RecommendedActivity[],
  });
}

export function placedEvent(
  b: PersonRecord,
  p: Pick<Placement, 'id' | 'employerOrgId' | 'employerOrgType' | 'contractType' | 'hoursPerWeek' | 'naceSector' | 'startedOn'>,
): CloudEvent<'meic.beneficiary.placed.v2'> {
  return buildEvent('meic.beneficiary.placed.v2', {
    ...personFacts(b),
    occurredOn: isoDate(p.startedOn),
    placementId: p.id,
    // An employer outside the cluster appears without id or type: its name stays here.
    employerOrgId: p.employerOrgId,
    employerOrgType: p.employerOrgType as OrganisationType | null,
    contractType: p.contractType as ContractType,
    hoursPerWeek: p.hoursPerWeek,
    naceSector: p.naceSector,
  });
}

export function followedUpEvent(
  b: PersonRecord,
  p: Pick<Placement, 'id' | 'startedOn'>,
  f: Pick<FollowUp, 'monthsAfterPlacement' | 'employed' | 'recordedOn'>,
): CloudEvent<'meic.beneficiary.followed-up.v2'> {
  return buildEvent('meic.beneficiary.followed-up.v2', {
    ...personFacts(b),
    occurredOn: isoDate(f.recordedOn),
    placementId: p.id,
    placedOn: isoDate(p.startedOn),
    monthsAfterPlacement: f.monthsAfterPlacement as 3 | 6 | 12,
    employed: f.employed,
  });
}

/** The reason as a category, health merged with other: a special category never leaves (domain.md). */
export function droppedOutEvent(b: PersonRecord, dropout: { reason: DropoutReason; on: string }): CloudEvent<'meic.beneficiary.dropped-out.v2'> {
  return buildEvent('meic.beneficiary.dropped-out.v2', { ...personFacts(b), occurredOn: dropout.on, reason: eventDropoutReasonOf(dropout.reason) });
}

/** Only the pseudonym and the site: consumers delete what links them to the person. */
export function erasedEvent(b: Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country'>, on: string): CloudEvent<'meic.beneficiary.erased.v2'> {
  return buildEvent('meic.beneficiary.erased.v2', { pseudonym: pseudonymOf(b), siteCode: b.siteCode, country: b.country, occurredOn: on });
}
