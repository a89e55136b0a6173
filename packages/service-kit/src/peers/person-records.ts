import { Controller, Get, HttpCode, Inject, Module, Post, type DynamicModule, type Type as NestType } from '@nestjs/common';
import { ApiDoc } from '../openapi/api-doc';
import { Type, type Static } from '@sinclair/typebox';
import { Pseudonym, Uuid } from '@meic/contracts';
import { Audited } from '../audit/audit';
import { Roles } from '../auth/auth.guard';
import { SERVICE_ROLE } from '../auth/principal';
import { ValidBody } from '../http/schema.pipe';
import { UuidParam } from '../http/uuid-param';

/**
 * What a service that keeps records of people (trainings, stakeholders) does for the beneficiaries
 * service's workflows: give everything it holds about a person (their data export) and delete it
 * (their erasure). Each service implements the port over its own tables.
 */
export interface PersonRecordsPort {
  recordsOf(beneficiaryId: string): Promise<unknown>;
  /** Idempotent: true when the service held the person. */
  eraseOnRequest(who: { beneficiaryId: string; pseudonym?: string }): Promise<boolean>;
}

export const PERSON_RECORDS = Symbol('PERSON_RECORDS');

const ErasureBody = Type.Object({ beneficiaryId: Uuid, pseudonym: Type.Optional(Pseudonym) }, { additionalProperties: false });
type ErasureBody = Static<typeof ErasureBody>;
const ErasureDone = Type.Object({ held: Type.Boolean({ description: 'Whether this service held records of the person' }) });

/** The two requests, for service tokens only (people never reach them). */
@Controller('v1')
@Roles(SERVICE_ROLE)
@Audited({ resource: 'erasure' })
export class PersonRecordsController {
  constructor(@Inject(PERSON_RECORDS) private readonly records: PersonRecordsPort) {}

  // Recorded without the person's id, which must not outlive their erasure.
  @ApiDoc({ summary: "What this service holds about a person, for their data export (the beneficiaries service's data-export workflow only, service tokens): records as stored and the events published about them", responses: { 200: { description: 'The records' } } })
  @Get('people/:id')
  @Audited({ resource: 'data-export', personalData: true, idFromResponse: true })
  people(@UuidParam() id: string): Promise<unknown> {
    return this.records.recordsOf(id);
  }

  @ApiDoc({ summary: "Delete what this service holds about a person being erased (the beneficiaries service's erasure workflow only, service tokens): their records, stored requests and row; their pseudonym is tombstoned", responses: { 200: { description: 'Done (also when nothing was held)', schema: ErasureDone } } })
  @Post('erasures')
  @HttpCode(200)
  async erase(@ValidBody(ErasureBody) body: ErasureBody): Promise<Static<typeof ErasureDone>> {
    return { held: await this.records.eraseOnRequest(body) };
  }
}

@Module({})
export class PersonRecordsModule {
  /** Serves the port implemented by `port` (a provider exported by `from`). */
  static forRoot(from: NestType<unknown>, port: NestType<PersonRecordsPort>): DynamicModule {
    return { module: PersonRecordsModule, imports: [from], controllers: [PersonRecordsController], providers: [{ provide: PERSON_RECORDS, useExisting: port }] };
  }
}
