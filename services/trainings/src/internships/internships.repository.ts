import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { lockKnownBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { PrismaClient, type Internship, type Prisma } from '../generated/prisma/client';

export type NewInternship = Omit<Internship, 'createdAt' | 'endedOn' | 'outcome'>;

export interface InternshipFilter {
  siteCodes?: readonly string[];
  beneficiaryId?: string;
  after?: CreatedKey;
  limit: number;
}

@Injectable()
export class InternshipsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Internship and event in one transaction; 'erased' when the person was erased meanwhile. */
  insertWithEvent(internship: NewInternship, event: OutboxRow): Promise<Internship | 'erased'> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockKnownBeneficiary(tx, internship.beneficiaryId))) return 'erased' as const;
      const created = await tx.internship.create({ data: internship });
      await tx.outboxEvent.create({ data: event });
      return created;
    });
  }

  find(id: string): Promise<Internship | null> {
    return this.prisma.internship.findUnique({ where: { id } });
  }

  /** Records the end and its event together, only if it had not ended: null when it had. */
  endWithEvent(id: string, end: { endedOn: Date; outcome: string }, event: OutboxRow): Promise<Internship | null> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.internship.findUnique({ where: { id }, select: { beneficiaryId: true } });
      // Erased meanwhile: the internship is gone or about to go, and gets no end.
      if (!row || !(await lockKnownBeneficiary(tx, row.beneficiaryId))) return null;
      const { count } = await tx.internship.updateMany({ where: { id, endedOn: null }, data: end });
      if (count === 0) return null;
      await tx.outboxEvent.create({ data: event });
      return tx.internship.findUnique({ where: { id } });
    });
  }

  list(filter: InternshipFilter): Promise<Internship[]> {
    const where: Prisma.InternshipWhereInput = {
      ...(filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}),
      ...(filter.beneficiaryId ? { beneficiaryId: filter.beneficiaryId } : {}),
      ...afterCreated(filter.after),
    };
    return this.prisma.internship.findMany({ where, orderBy: createdOrder(), take: filter.limit + 1 });
  }
}
