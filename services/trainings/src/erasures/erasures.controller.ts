import { Controller, HttpCode, Post } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { Pseudonym, Uuid } from '@meic/contracts';
import { Audited, Roles, SERVICE_ROLE, ValidBody, type RouteDoc } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';

const ErasureBody = Type.Object({ beneficiaryId: Uuid, pseudonym: Type.Optional(Pseudonym) }, { additionalProperties: false });
type ErasureBody = Static<typeof ErasureBody>;
const ErasureDone = Type.Object({ held: Type.Boolean({ description: 'Whether this service held records of the person' }) });

/** The erasure workflow's step in this service (service tokens only): idempotent, so a retry is harmless. */
@Controller('v1/erasures')
@Roles(SERVICE_ROLE)
@Audited({ resource: 'erasure' })
export class ErasuresController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @HttpCode(200)
  async erase(@ValidBody(ErasureBody) body: ErasureBody): Promise<Static<typeof ErasureDone>> {
    return { held: await this.beneficiaries.eraseOnRequest(body) };
  }
}

export const erasuresRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/erasures',
    summary: "Delete what this service holds about a person being erased (the beneficiaries service's erasure workflow only, service tokens): their records, stored requests and row; their pseudonym is tombstoned",
    roles: [SERVICE_ROLE],
    body: ErasureBody,
    responses: { 200: { description: 'Done (also when nothing was held)', schema: ErasureDone } },
  },
];
