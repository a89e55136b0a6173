import { Injectable } from '@nestjs/common';
import type { AgeBand, BeneficiaryEnrolledV1, BeneficiaryErasedV1, LegalStatus, Sex } from '@meic/contracts';
import { asDate, problems } from '@meic/service-kit';
import type { KnownBeneficiary } from '../generated/prisma/client';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { beneficiaryReferenceProblem } from './beneficiaries.rules';

/** The coarse attributes a person event carries (contract "Events"). */
export interface PersonFacts {
  beneficiaryId: string;
  sex: Sex;
  ageBand: AgeBand;
  citizenship: string;
  legalStatus: LegalStatus;
}

export function personFactsOf(b: KnownBeneficiary): PersonFacts {
  return { beneficiaryId: b.id, sex: b.sex as Sex, ageBand: b.ageBand as AgeBand, citizenship: b.citizenship, legalStatus: b.legalStatus as LegalStatus };
}

/**
 * Beneficiaries as pseudonymous ids with coarse attributes, learnt from the beneficiaries
 * service's events. Personal data never reaches this service.
 */
@Injectable()
export class BeneficiariesService {
  constructor(private readonly beneficiaries: BeneficiariesRepository) {}

  async enrolled(data: BeneficiaryEnrolledV1): Promise<void> {
    await this.beneficiaries.upsert({
      id: data.beneficiaryId,
      siteCode: data.siteCode,
      country: data.country,
      sex: data.sex,
      ageBand: data.ageBand,
      citizenship: data.citizenship,
      legalStatus: data.legalStatus,
      enrolledOn: asDate(data.occurredOn),
    });
  }

  /** False when the person was never seen here (nothing to mark). */
  erased(data: BeneficiaryErasedV1): Promise<boolean> {
    return this.beneficiaries.markErased(data.beneficiaryId, asDate(data.occurredOn));
  }

  /** The beneficiary a new record of `siteCode` names at `path`, or 422 saying why not. */
  async requireAt(id: string, siteCode: string, path: string): Promise<KnownBeneficiary> {
    const b = await this.beneficiaries.find(id);
    const problem = beneficiaryReferenceProblem(b && { siteCode: b.siteCode, erased: b.erasedOn !== null }, siteCode, path);
    if (problem || !b) throw problems.unprocessable(`Beneficiary ${id} cannot be referred to here: ${problem?.message ?? 'unknown beneficiary'}.`, problem ? [problem] : undefined);
    return b;
  }
}
