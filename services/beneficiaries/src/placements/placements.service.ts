import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ContractType, OrganisationType } from '@meic/contracts';
import { asDate, isoDate, outboxRow, problems, requireNotBefore, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { placedEvent } from '../events/beneficiary-events';
import type { Placement } from '../generated/prisma/client';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlacementsRepository } from './placements.repository';
import { employerFieldProblem, employerReferenceProblem } from './placements.rules';
import type { CreatePlacementBody, PlacementList, PlacementView } from './placements.schemas';

export function toPlacementView(p: Placement, siteCode: string): PlacementView {
  return {
    id: p.id,
    beneficiaryId: p.beneficiaryId,
    siteCode,
    ...(p.employerOrgId ? { employerOrgId: p.employerOrgId } : {}),
    ...(p.employerOrgType ? { employerOrgType: p.employerOrgType as OrganisationType } : {}),
    ...(p.employerName ? { employerName: p.employerName } : {}),
    contractType: p.contractType as ContractType,
    hoursPerWeek: p.hoursPerWeek,
    naceSector: p.naceSector,
    startedOn: isoDate(p.startedOn),
    createdAt: p.createdAt.toISOString(),
  };
}

@Injectable()
export class PlacementsService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly organisations: OrganisationsService,
    private readonly placements: PlacementsRepository,
  ) {}

  async record(principal: Principal, beneficiaryId: string, body: CreatePlacementBody): Promise<PlacementView> {
    const fieldProblem = employerFieldProblem(body);
    if (fieldProblem) throw problems.validation([fieldProblem]);
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    requireNotBefore(body.startedOn, isoDate(person.enrolledOn), '/startedOn', 'the enrolment date');
    let employerOrgType: string | null = null;
    if (body.employerOrgId !== undefined) {
      const org = await this.organisations.find(body.employerOrgId);
      const refProblem = employerReferenceProblem(org, person.siteCode, body.startedOn);
      if (refProblem) throw problems.unprocessable(`Organisation ${body.employerOrgId} cannot be the employer of a beneficiary of site ${person.siteCode}: ${refProblem.message}.`, [refProblem]);
      employerOrgType = org?.type ?? null;
    }
    const row = {
      id: randomUUID(),
      beneficiaryId,
      employerOrgId: body.employerOrgId ?? null,
      employerOrgType,
      employerName: body.employerName ?? null,
      contractType: body.contractType,
      hoursPerWeek: body.hoursPerWeek,
      naceSector: body.naceSector,
      startedOn: asDate(body.startedOn),
    };
    const created = await this.placements.insertWithEvent(row, outboxRow(placedEvent(person, row)));
    if (!created) throw problems.notFound(`Beneficiary ${beneficiaryId} does not exist.`);
    return toPlacementView(created, person.siteCode);
  }

  async list(principal: Principal, beneficiaryId: string): Promise<PlacementList> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const rows = await this.placements.listFor(beneficiaryId);
    return { items: rows.map((p) => ({ ...toPlacementView(p, person.siteCode), followUpMonths: p.followUps.map((f) => f.monthsAfterPlacement) })) };
  }

  find(id: string): Promise<Placement | null> {
    return this.placements.find(id);
  }
}
