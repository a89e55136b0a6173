import { Injectable } from '@nestjs/common';
import type { AgeBand, BeneficiaryErasedV2, LegalStatus, Sex } from '@meic/contracts';
import { asDate, BeneficiaryReferences, eventWithoutPseudonym, type PersonRecordsPort, problems, type BeneficiaryReference } from '@meic/service-kit';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { beneficiaryReferenceProblem } from './beneficiaries.rules';

/** The coarse attributes a person event carries (contract "Events"), and the pseudonym it names them by. */
export interface PersonFacts {
  pseudonym: string;
  sex: Sex;
  ageBand: AgeBand;
  citizenship: string;
  legalStatus: LegalStatus;
}

export function personFactsOf(b: BeneficiaryReference): PersonFacts {
  return { pseudonym: b.pseudonym, sex: b.sex, ageBand: b.ageBand, citizenship: b.citizenship, legalStatus: b.legalStatus };
}

/** A write that looked the person up just before they were erased. */
export function erasedMeanwhile(id: string) {
  return problems.unprocessable(`Beneficiary ${id} cannot be referred to here: unknown or erased beneficiary.`, [{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);
}

/**
 * Beneficiaries as the beneficiaries service describes them to this service: an id, a pseudonym
 * and coarse attributes, asked for at each write (no enrolment event carries the id any more).
 * Personal data never reaches this service.
 */
@Injectable()
export class BeneficiariesService implements PersonRecordsPort {
  constructor(
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly references: BeneficiaryReferences,
  ) {}

  /** The beneficiary a new record of `siteCode` names at `path`, or 422 saying why not; 503 when the beneficiaries service cannot say. */
  async requireAt(id: string, siteCode: string, path: string): Promise<BeneficiaryReference> {
    const found = await this.references.find(id);
    const problem = beneficiaryReferenceProblem(found, siteCode, path);
    if (problem || !found) {
      const p = problem ?? { path, message: 'unknown or erased beneficiary' };
      throw problems.unprocessable(`Beneficiary ${id} cannot be referred to here: ${p.message}.`, [p]);
    }
    // Erased between the lookup and now: remember() refuses a tombstoned pseudonym.
    if (!(await this.beneficiaries.remember(found))) throw erasedMeanwhile(id);
    return found;
  }

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

  /** False when the person was never seen here (nothing to delete). */
  erased(data: BeneficiaryErasedV2): Promise<boolean> {
    return this.beneficiaries.erase({ pseudonym: data.pseudonym }, asDate(data.occurredOn));
  }
}
