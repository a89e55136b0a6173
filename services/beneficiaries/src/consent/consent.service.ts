import { Injectable } from '@nestjs/common';
import { asDate, isoDate, outboxRow, problems, requireNotBefore, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { ErasureService } from '../erasure/erasure.service';
import { consentRecordedEvent } from '../events/beneficiary-events';
import { ConsentRepository } from './consent.repository';
import type { ChangeConsentBody, ConsentView } from './consent.schemas';

/**
 * Consent as the person gives and withdraws it. Withdrawing evaluation follow-up reaches analytics
 * (extracts) and the pathway (no follow-up tasks) through meic.beneficiary.consent-recorded;
 * withdrawing consent to processing erases the person. Every change is kept with who recorded it.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly consent: ConsentRepository,
    private readonly erasures: ErasureService,
  ) {}

  async change(principal: Principal, id: string, body: ChangeConsentBody): Promise<ConsentView> {
    if (body.evaluationFollowUp === undefined && body.dataProcessing === undefined) {
      throw problems.validation([{ path: '/evaluationFollowUp', message: 'is required unless dataProcessing is given' }]);
    }
    const person = await this.beneficiaries.findForPersonalData(principal, id);
    requireNotBefore(body.recordedOn, isoDate(person.consentRecordedOn), '/recordedOn', 'the consent in force');
    const withdrawsProcessing = body.dataProcessing === false;
    const next = {
      dataProcessing: !withdrawsProcessing,
      // No processing means no evaluation follow-up either.
      evaluationFollowUp: withdrawsProcessing ? false : (body.evaluationFollowUp ?? person.consentEvaluationFollowUp),
    };
    if (body.dataProcessing === true && !person.consentDataProcessing) {
      throw problems.unprocessable('Consent to processing was withdrawn; the person is being erased and cannot consent again under this record.', [{ path: '/dataProcessing', message: 'was withdrawn' }]);
    }
    const changed = next.dataProcessing !== person.consentDataProcessing || next.evaluationFollowUp !== person.consentEvaluationFollowUp;
    if (changed) {
      const recordedOn = asDate(body.recordedOn);
      const followUpChanged = next.evaluationFollowUp !== person.consentEvaluationFollowUp;
      const event = followUpChanged ? outboxRow(consentRecordedEvent({ ...person, consentEvaluationFollowUp: next.evaluationFollowUp, consentRecordedOn: recordedOn })) : null;
      const updated = await this.consent.record(id, { ...next, recordedOn, recordedBy: principal.sub }, event, !next.evaluationFollowUp);
      if (!updated) throw problems.notFound(`Beneficiary ${id} does not exist.`);
    }
    if (!next.dataProcessing) {
      // Also when processing was withdrawn before and the erasure did not finish: a retry completes it.
      await this.erasures.request(principal, id, 'consent_withdrawn');
      return { ...next, recordedOn: body.recordedOn, erased: true };
    }
    return { ...next, recordedOn: changed ? body.recordedOn : isoDate(person.consentRecordedOn) };
  }
}
