import { Injectable } from '@nestjs/common';
import type { AgeBand, BeneficiaryErasedV2, LegalStatus, Sex } from '@meic/contracts';
import { asDate, BeneficiaryReferences, eventWithoutPseudonym, type PersonRecordsPort, problems } from '@meic/service-kit';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { beneficiaryRefusal } from './beneficiaries.rules';

/** The coarse, pseudonymous attributes events about a person carry (as recorded at enrolment). */
export interface PersonFacts {
  pseudonym: string;
  sex: Sex;
  ageBand: AgeBand;
  citizenship: string;
  legalStatus: LegalStatus;
}

export interface EligibleBeneficiary {
  id: string;
  facts: PersonFacts;
  siteCode: string;
  enrolledOn: string;
}

const refused = (id: string, why: string) => problems.unprocessable(`Beneficiary ${id} cannot be referred to: ${why}.`, [{ path: '/beneficiaryId', message: why }]);

/**
 * People as the beneficiaries service describes them to this service (an id, a pseudonym and
 * coarse attributes), asked for when a record names them: no event carries the id any more.
 */
@Injectable()
export class BeneficiariesService implements PersonRecordsPort {
  constructor(
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly references: BeneficiaryReferences,
  ) {}

  /**
   * What this service holds about a person (GET /v1/people/{id}, for their data export): records
   * as stored and the events published about them, without the pseudonym, which no person sees.
   */
  async recordsOf(beneficiaryId: string) {
    const { events, ...records } = await this.beneficiaries.recordsOf(beneficiaryId);
    return { ...records, eventsPublished: events.map((e) => eventWithoutPseudonym(e.headers, e.value)) };
  }

  /** The erasure workflow's step here (POST /v1/erasures): true when this service held the person. */
  eraseOnRequest(who: { beneficiaryId: string; pseudonym?: string }, now = new Date()): Promise<boolean> {
    return this.beneficiaries.erase(who, now);
  }

  /** False when the person was never known here (nothing to delete). */
  recordErasure(data: BeneficiaryErasedV2): Promise<boolean> {
    return this.beneficiaries.erase({ pseudonym: data.pseudonym }, asDate(data.occurredOn));
  }

  /** The person a new record at `siteCode` refers to; 422 naming /beneficiaryId otherwise, 503 when the beneficiaries service cannot say. */
  async requireEligible(id: string, siteCode: string): Promise<EligibleBeneficiary> {
    const found = await this.references.find(id);
    const refusal = beneficiaryRefusal(found, siteCode);
    if (refusal || !found) throw refused(id, refusal ?? 'unknown or erased beneficiary');
    // Erased between the lookup and now: remember() refuses a tombstoned pseudonym.
    if (!(await this.beneficiaries.remember(found))) throw refused(id, 'unknown or erased beneficiary');
    return { id: found.id, facts: this.factsOf(found), siteCode: found.siteCode, enrolledOn: found.enrolledOn };
  }

  /** Attributes for an event about an existing record of a person not erased; 422 once they are. */
  async factsFor(id: string): Promise<PersonFacts> {
    const person = await this.beneficiaries.find(id);
    if (!person) throw refused(id, 'unknown or erased beneficiary');
    return this.factsOf(person);
  }

  private factsOf(p: { pseudonym: string; sex: string; ageBand: string; citizenship: string; legalStatus: string }): PersonFacts {
    return { pseudonym: p.pseudonym, sex: p.sex as Sex, ageBand: p.ageBand as AgeBand, citizenship: p.citizenship, legalStatus: p.legalStatus as LegalStatus };
  }
}
