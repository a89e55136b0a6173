import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Beneficiary } from '../generated/prisma/client';

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
   * the person is erased (a concurrent erasure included). The update comes first, so the row is
   * locked for writing from the start: a shared lock first and an update after would deadlock
   * with a pathway activity doing the same (seen in CI).
   */
  record(id: string, change: ConsentChangeRow, event: OutboxRow | null, dropFollowUpTasks: boolean): Promise<Beneficiary | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.beneficiary.updateMany({
        where: { id, erasedAt: null },
        data: { consentDataProcessing: change.dataProcessing, consentEvaluationFollowUp: change.evaluationFollowUp, consentRecordedOn: change.recordedOn },
      });
      if (count === 0) return null;
      await tx.consentChange.create({ data: { id: randomUUID(), beneficiaryId: id, ...change } });
      const updated = await tx.beneficiary.findUniqueOrThrow({ where: { id } });
      if (dropFollowUpTasks) await tx.task.deleteMany({ where: { beneficiaryId: id, kind: 'follow_up_due', status: 'open' } });
      if (event) await tx.outboxEvent.create({ data: event });
      return updated;
    });
  }
}
