import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { lockActiveBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { PrismaClient, type Assessment } from '../generated/prisma/client';

export type NewAssessment = Omit<Assessment, 'createdAt'>;

@Injectable()
export class AssessmentsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Assessment and event in one transaction; null when the person was erased meanwhile. */
  insertWithEvent(row: NewAssessment, event: OutboxRow): Promise<Assessment | null> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveBeneficiary(tx, row.beneficiaryId))) return null;
      const created = await tx.assessment.create({ data: row });
      await tx.outboxEvent.create({ data: event });
      return created;
    });
  }

  /** Keyset order (createdAt, id), `limit + 1` rows. */
  list(beneficiaryId: string, after: CreatedKey | undefined, limit: number): Promise<Assessment[]> {
    return this.prisma.assessment.findMany({
      where: { beneficiaryId, ...afterCreated(after) },
      orderBy: createdOrder(),
      take: limit + 1,
    });
  }
}
