import { Global, Injectable, Module } from '@nestjs/common';
import { STORED_RESPONSES, type StoredResponses } from '@meic/service-kit';
import { BeneficiariesModule } from './beneficiaries.module';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { toBeneficiaryView } from './beneficiaries.service';

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The personal data stays in the person table: an enrolment's response is stored for its
 * Idempotency-Key replay with `person` replaced by a reference to the person, and a replay reads
 * the person's data as it is then (left out once they are erased).
 */
@Injectable()
export class PersonalDataLeftOut implements StoredResponses {
  constructor(private readonly beneficiaries: BeneficiariesRepository) {}

  toStored(body: unknown): unknown {
    if (!isObject(body) || typeof body['id'] !== 'string' || !('person' in body)) return body;
    return { ...body, person: { personalDataOf: body['id'] } };
  }

  async fromStored(stored: unknown): Promise<unknown> {
    if (!isObject(stored) || !isObject(stored['person']) || typeof stored['person']['personalDataOf'] !== 'string') return stored;
    const found = await this.beneficiaries.find(stored['person']['personalDataOf']);
    const rest = Object.fromEntries(Object.entries(stored).filter(([k]) => k !== 'person'));
    if (!found?.personalData || found.erasedAt) return rest;
    return { ...rest, person: toBeneficiaryView(found).person };
  }
}

@Global()
@Module({ imports: [BeneficiariesModule], providers: [BeneficiariesRepository, { provide: STORED_RESPONSES, useClass: PersonalDataLeftOut }], exports: [STORED_RESPONSES] })
export class StoredResponsesModule {}
