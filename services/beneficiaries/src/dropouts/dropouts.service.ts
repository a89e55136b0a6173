import { Injectable } from '@nestjs/common';
import { asDate, isoDate, outboxRow, problems, requireNotBefore, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { droppedOutEvent } from '../events/beneficiary-events';
import { DropoutsRepository } from './dropouts.repository';
import type { CreateDropoutBody, DropoutView } from './dropouts.schemas';

@Injectable()
export class DropoutsService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly dropouts: DropoutsRepository,
  ) {}

  async record(principal: Principal, beneficiaryId: string, body: CreateDropoutBody): Promise<DropoutView> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const alreadyDroppedOut = () => problems.conflict(`Beneficiary ${beneficiaryId} dropped out already${person.droppedOutOn ? ` on ${isoDate(person.droppedOutOn)}` : ''}.`);
    if (person.droppedOutOn) throw alreadyDroppedOut();
    requireNotBefore(body.on, isoDate(person.enrolledOn), '/on', 'the enrolment date');
    const updated = await this.dropouts.markDroppedOut(beneficiaryId, { reason: body.reason, on: asDate(body.on) }, outboxRow(droppedOutEvent(person, body)));
    if (!updated) {
      // Lost a race: with an erasure (404) or with another drop-out (409).
      if (!(await this.beneficiaries.holds(beneficiaryId, { includeErased: false }))) throw problems.notFound(`Beneficiary ${beneficiaryId} does not exist.`);
      throw alreadyDroppedOut();
    }
    return { beneficiaryId, siteCode: updated.siteCode, reason: body.reason, on: body.on };
  }
}
