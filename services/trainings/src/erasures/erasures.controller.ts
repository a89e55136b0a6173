import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { Pseudonym, Uuid } from '@meic/contracts';
import { Audited, Roles, SERVICE_ROLE, UuidParam, ValidBody, type RouteDoc } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';

const ErasureBody = Type.Object({ beneficiaryId: Uuid, pseudonym: Type.Optional(Pseudonym) }, { additionalProperties: false });
type ErasureBody = Static<typeof ErasureBody>;
const ErasureDone = Type.Object({ held: Type.Boolean({ description: 'Whether this service held records of the person' }) });

/**
 * What the beneficiaries service's workflows ask of this service about a person (service tokens
 * only): their erasure (idempotent, so a retry is harmless) and their data export.
 */
@Controller('v1')
@Roles(SERVICE_ROLE)
@Audited({ resource: 'erasure' })
export class ErasuresController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Get('people/:id')
  // Recorded without the person's id, which must not outlive their erasure.
  @Audited({ resource: 'data-export', personalData: true, idFromResponse: true })
  people(@UuidParam() id: string) {
    return this.beneficiaries.recordsOf(id);
  }

  @Post('erasures')
  @HttpCode(200)
  async erase(@ValidBody(ErasureBody) body: ErasureBody): Promise<Static<typeof ErasureDone>> {
    return { held: await this.beneficiaries.eraseOnRequest(body) };
  }
}

export const erasuresRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/people/{id}',
    summary: "What this service holds about a person, for their data export (the beneficiaries service's data-export workflow only, service tokens): records as stored and the events published about them",
    roles: [SERVICE_ROLE],
    responses: { 200: { description: 'The records' } },
  },
  {
    method: 'post',
    path: '/v1/erasures',
    summary: "Delete what this service holds about a person being erased (the beneficiaries service's erasure workflow only, service tokens): their records, stored requests and row; their pseudonym is tombstoned",
    roles: [SERVICE_ROLE],
    body: ErasureBody,
    responses: { 200: { description: 'Done (also when nothing was held)', schema: ErasureDone } },
  },
];
