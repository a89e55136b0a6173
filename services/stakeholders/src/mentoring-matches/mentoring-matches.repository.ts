import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { lockKnownBeneficiary } from '../beneficiaries/beneficiaries.repository';
import { PrismaClient, type MentoringMatch } from '../generated/prisma/client';

@Injectable()
export class MentoringMatchesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts the match and its event unless the same mentor and beneficiary already have an open
   * match (then null). Locking the mentor row serialises concurrent matches of one mentor, so
   * the check and the insert cannot interleave. 'erased' when the person was erased meanwhile.
   */
  async insertUnlessOpenWithEvent(match: Omit<MentoringMatch, 'createdAt' | 'updatedAt' | 'endedOn'>, event: OutboxRow): Promise<MentoringMatch | null | 'erased'> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockKnownBeneficiary(tx, match.beneficiaryId))) return 'erased' as const;
      await tx.$queryRaw`SELECT 1 FROM mentors WHERE id = ${match.mentorId}::uuid FOR UPDATE`;
      const open = await tx.mentoringMatch.findFirst({ where: { mentorId: match.mentorId, beneficiaryId: match.beneficiaryId, endedOn: null }, select: { id: true } });
      if (open) return null;
      const created = await tx.mentoringMatch.create({ data: match });
      await tx.outboxEvent.create({ data: event });
      return created;
    });
  }

  /** Sets the end date only if still open, with its event; null when it had already ended. */
  async markEndedWithEvent(id: string, endedOn: Date, event: OutboxRow): Promise<MentoringMatch | null> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.mentoringMatch.findUnique({ where: { id }, select: { beneficiaryId: true } });
      // Erased meanwhile: the match is gone or about to go, and gets no end.
      if (!row || !(await lockKnownBeneficiary(tx, row.beneficiaryId))) return null;
      const { count } = await tx.mentoringMatch.updateMany({ where: { id, endedOn: null }, data: { endedOn } });
      if (count === 0) return null;
      await tx.outboxEvent.create({ data: event });
      return tx.mentoringMatch.findUniqueOrThrow({ where: { id } });
    });
  }

  findById(id: string): Promise<MentoringMatch | null> {
    return this.prisma.mentoringMatch.findUnique({ where: { id } });
  }

  list(filter: { siteCodes?: readonly string[]; mentorId?: string; after?: CreatedKey; limit: number }): Promise<MentoringMatch[]> {
    return this.prisma.mentoringMatch.findMany({
      where: { mentorId: filter.mentorId, AND: [filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}, afterCreated(filter.after)] },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }
}
