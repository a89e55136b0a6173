import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { PrismaClient, type Beneficiary } from '../generated/prisma/client';

@Injectable()
export class DropoutsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Drop-out and event in one transaction. The conditional update is the check: null when the
   * person is erased or has dropped out already (a concurrent request included).
   */
  markDroppedOut(id: string, dropout: { reason: string; on: Date }, event: OutboxRow): Promise<Beneficiary | null> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.beneficiary.updateMany({ where: { id, erasedAt: null, droppedOutOn: null }, data: { droppedOutOn: dropout.on, dropoutReason: dropout.reason } });
      if (updated.count === 0) return null;
      await tx.outboxEvent.create({ data: event });
      return tx.beneficiary.findUniqueOrThrow({ where: { id } });
    });
  }
}
