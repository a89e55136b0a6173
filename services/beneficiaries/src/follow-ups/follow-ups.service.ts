import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { asDate, isoDate, outboxRow, problems, requireNotBefore, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { followedUpEvent } from '../events/beneficiary-events';
import { PlacementsService } from '../placements/placements.service';
import { FollowUpsRepository } from './follow-ups.repository';
import type { CreateFollowUpBody, FollowUpView } from './follow-ups.schemas';

@Injectable()
export class FollowUpsService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly placements: PlacementsService,
    private readonly followUps: FollowUpsRepository,
  ) {}

  async record(principal: Principal, beneficiaryId: string, body: CreateFollowUpBody): Promise<FollowUpView> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const placement = await this.placements.find(body.placementId);
    if (!placement || placement.beneficiaryId !== beneficiaryId) {
      throw problems.unprocessable(`Placement ${body.placementId} is not a placement of beneficiary ${beneficiaryId}.`, [
        { path: '/placementId', message: 'not a placement of this beneficiary' },
      ]);
    }
    const placedOn = isoDate(placement.startedOn);
    requireNotBefore(body.recordedOn, placedOn, '/recordedOn', 'the placement start');
    const row = { id: randomUUID(), placementId: placement.id, monthsAfterPlacement: body.monthsAfterPlacement, employed: body.employed, recordedOn: asDate(body.recordedOn) };
    const created = await this.followUps.insertWithEvent(beneficiaryId, row, outboxRow(followedUpEvent(person, placement, row)));
    if (created === 'erased') throw problems.notFound(`Beneficiary ${beneficiaryId} does not exist.`);
    if (created === 'duplicate') throw problems.conflict(`Placement ${placement.id} has its ${body.monthsAfterPlacement}-month follow-up already.`);
    return {
      id: created.id,
      beneficiaryId,
      siteCode: person.siteCode,
      placementId: created.placementId,
      monthsAfterPlacement: body.monthsAfterPlacement,
      employed: created.employed,
      recordedOn: isoDate(created.recordedOn),
      placedOn,
      createdAt: created.createdAt.toISOString(),
    };
  }
}
