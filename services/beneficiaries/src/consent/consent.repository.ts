import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Beneficiary } from '../generated/prisma/client';
import { lockActiveBeneficiary } from '../beneficiaries/beneficiaries.repository';

export interface ConsentChangeRow {
  dataProcessing: boolean;
  evaluationFollowUp: boolean;
  recordedOn: Date;
  recordedBy: string;
}

@Injectable()
export class ConsentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The consent now in force on the record, the change in the history, the event, and the
   * removal of open follow-up tasks when follow-up is withdrawn, in one transaction. Null when
   * the person is erased (a concurrent erasure included).
   */
  record(id: string, change: ConsentChangeRow, event: OutboxRow | null, dropFollowUpTasks: boolean): Promise<Beneficiary | null> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveBeneficiary(tx, id))) return null;
      await tx.consentChange.create({ data: { id: randomUUID(), beneficiaryId: id, ...change } });
      const updated = await tx.beneficiary.update({
        where: { id },
        data: { consentDataProcessing: change.dataProcessing, consentEvaluationFollowUp: change.evaluationFollowUp, consentRecordedOn: change.recordedOn },
      });
      if (dropFollowUpTasks) await tx.task.deleteMany({ where: { beneficiaryId: id, kind: 'follow_up_due', status: 'open' } });
      if (event) await tx.outboxEvent.create({ data: event });
      return updated;
    });
  }
}
