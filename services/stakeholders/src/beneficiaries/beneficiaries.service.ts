import { Injectable } from '@nestjs/common';
import type { AgeBand, BeneficiaryEnrolledV1, BeneficiaryErasedV1, LegalStatus, Sex } from '@meic/contracts';
import { asDate, isoDate, problems } from '@meic/service-kit';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { beneficiaryRefusal } from './beneficiaries.rules';

/** The coarse, pseudonymous attributes events about a person carry (as recorded at enrolment). */
export interface PersonFacts {
  beneficiaryId: string;
  sex: Sex;
  ageBand: AgeBand;
  citizenship: string;
  legalStatus: LegalStatus;
}

export interface EligibleBeneficiary {
  facts: PersonFacts;
  siteCode: string;
  enrolledOn: string;
}

/** What this service knows of the beneficiaries service's people, learnt from events only. */
@Injectable()
export class BeneficiariesService {
  constructor(private readonly beneficiaries: BeneficiariesRepository) {}

  async recordEnrolment(data: BeneficiaryEnrolledV1): Promise<void> {
    await this.beneficiaries.upsertEnrolled({
      id: data.beneficiaryId,
      siteCode: data.siteCode,
      country: data.country,
      enrolledOn: asDate(data.occurredOn),
      sex: data.sex,
      ageBand: data.ageBand,
      citizenship: data.citizenship,
      legalStatus: data.legalStatus,
    });
  }

  /** False when the person was never known here (nothing to mark). */
  recordErasure(data: BeneficiaryErasedV1, at: Date): Promise<boolean> {
    return this.beneficiaries.markErased(data.beneficiaryId, at);
  }

  /** The person a new record at `siteCode` refers to; 422 naming /beneficiaryId otherwise. */
  async requireEligible(id: string, siteCode: string): Promise<EligibleBeneficiary> {
    const person = await this.beneficiaries.find(id);
    const refusal = beneficiaryRefusal(person, siteCode);
    if (refusal || !person) throw problems.unprocessable(`Beneficiary ${id} cannot be referred to: ${refusal ?? 'unknown beneficiary'}.`, [{ path: '/beneficiaryId', message: refusal ?? 'unknown beneficiary' }]);
    return { facts: this.factsOf(person), siteCode: person.siteCode, enrolledOn: isoDate(person.enrolledOn) };
  }

  /** Attributes for an event about an existing record (also after erasure: they are not personal data). */
  async factsFor(id: string): Promise<PersonFacts | null> {
    const person = await this.beneficiaries.find(id);
    return person ? this.factsOf(person) : null;
  }

  private factsOf(p: { id: string; sex: string; ageBand: string; citizenship: string; legalStatus: string }): PersonFacts {
    return { beneficiaryId: p.id, sex: p.sex as Sex, ageBand: p.ageBand as AgeBand, citizenship: p.citizenship, legalStatus: p.legalStatus as LegalStatus };
  }
}
