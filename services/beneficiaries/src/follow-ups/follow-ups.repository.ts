import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { lockActiveBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { Prisma, PrismaClient, type FollowUp } from '../generated/prisma/client';

export type NewFollowUp = Omit<FollowUp, 'createdAt'>;

@Injectable()
export class FollowUpsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Follow-up and event in one transaction. 'erased' when the person was erased meanwhile,
   * 'duplicate' when the placement has this month's follow-up already (unique key).
   */
  async insertWithEvent(beneficiaryId: string, row: NewFollowUp, event: OutboxRow): Promise<FollowUp | 'erased' | 'duplicate'> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (!(await lockActiveBeneficiary(tx, beneficiaryId))) return 'erased' as const;
        const created = await tx.followUp.create({ data: row });
        await tx.outboxEvent.create({ data: event });
        return created;
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return 'duplicate';
      throw e;
    }
  }
}
