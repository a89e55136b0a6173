import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { lockActiveBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { PrismaClient, type FollowUp, type Placement } from '../generated/prisma/client';

export type NewPlacement = Omit<Placement, 'createdAt'>;

@Injectable()
export class PlacementsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Placement and event in one transaction; null when the person was erased meanwhile. */
  insertWithEvent(row: NewPlacement, event: OutboxRow): Promise<Placement | null> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockActiveBeneficiary(tx, row.beneficiaryId))) return null;
      const created = await tx.placement.create({ data: row });
      await tx.outboxEvent.create({ data: event });
      return created;
    });
  }

  listFor(beneficiaryId: string): Promise<(Placement & { followUps: Pick<FollowUp, 'monthsAfterPlacement'>[] })[]> {
    return this.prisma.placement.findMany({
      where: { beneficiaryId },
      include: { followUps: { select: { monthsAfterPlacement: true }, orderBy: { monthsAfterPlacement: 'asc' } } },
      orderBy: [{ startedOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  find(id: string): Promise<Placement | null> {
    return this.prisma.placement.findUnique({ where: { id } });
  }
}
