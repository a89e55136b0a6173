import { Injectable } from '@nestjs/common';
import type { BeneficiaryReference } from '@meic/service-kit';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/**
 * Inside a write about a person: locks their row against erasure (FOR SHARE conflicts with the
 * erasure's FOR UPDATE), so an erasure either sees the new record and deletes it, or ran first
 * and the write finds no one. False when the person is not (or no longer) known here.
 */
export async function lockKnownBeneficiary(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM known_beneficiaries WHERE id = ${id}::uuid FOR SHARE`;
  return rows.length > 0;
}

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records the person as the beneficiaries service described them, unless they were erased since; false then. */
  async remember(r: BeneficiaryReference): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      INSERT INTO known_beneficiaries (id, pseudonym, site_code, country, sex, age_band, citizenship, legal_status, updated_at)
      SELECT ${r.id}::uuid, ${r.pseudonym}::uuid, ${r.siteCode}, ${r.country}, ${r.sex}, ${r.ageBand}, ${r.citizenship}, ${r.legalStatus}, now()
      WHERE NOT EXISTS (SELECT 1 FROM erased_people WHERE pseudonym = ${r.pseudonym}::uuid)
      ON CONFLICT (id) DO UPDATE SET pseudonym = EXCLUDED.pseudonym, site_code = EXCLUDED.site_code, updated_at = now()`;
    return n > 0;
  }

  /**
   * Erasure of a person, in one transaction: their pseudonym is tombstoned, and their course enrolments, internships,
   * stored Idempotency-Key requests and responses about them, and their row go, and the
   * audit log forgets whom its entries were about. By pseudonym
   * (meic.beneficiary.erased) or by id (the erasure workflow, which also passes the pseudonym while
   * the beneficiaries service still knows it; after a restore it may not). Returns what was held.
   */
  erase(who: { pseudonym?: string; beneficiaryId?: string }, erasedOn: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (who.pseudonym) await tx.erasedPerson.createMany({ data: [{ pseudonym: who.pseudonym, erasedOn }], skipDuplicates: true });
      const rows = who.beneficiaryId
        ? await tx.$queryRaw<{ id: string; pseudonym: string }[]>`SELECT id, pseudonym::text FROM known_beneficiaries WHERE id = ${who.beneficiaryId}::uuid FOR UPDATE`
        : await tx.$queryRaw<{ id: string; pseudonym: string }[]>`SELECT id, pseudonym::text FROM known_beneficiaries WHERE pseudonym = ${who.pseudonym ?? null}::uuid FOR UPDATE`;
      const known = rows[0];
      if (known) await tx.erasedPerson.createMany({ data: [{ pseudonym: known.pseudonym, erasedOn }], skipDuplicates: true });
      const id = known?.id ?? who.beneficiaryId;
      if (!id) return false;
      await tx.courseEnrolment.deleteMany({ where: { beneficiaryId: id } });
      await tx.internship.deleteMany({ where: { beneficiaryId: id } });
      await tx.$executeRaw`DELETE FROM idempotency_keys WHERE path LIKE ${`%${id}%`} OR response_body::text LIKE ${`%${id}%`}`;
      await tx.knownBeneficiary.deleteMany({ where: { id } });
      // The audit log keeps who did what and when, no longer to whom.
      await tx.auditEntry.updateMany({ where: { resourceId: id }, data: { resourceId: null } });
      return known !== undefined;
    });
  }

  /** What this service holds about a person, for their data export: records as stored, and the events published about them. */
  async recordsOf(beneficiaryId: string) {
    const known = await this.prisma.knownBeneficiary.findUnique({ where: { id: beneficiaryId } });
    const [courseEnrolments, internships] = await Promise.all([
      this.prisma.courseEnrolment.findMany({ where: { beneficiaryId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.internship.findMany({ where: { beneficiaryId }, orderBy: { createdAt: 'asc' } }),
    ]);
    const records = { courseEnrolments, internships };
    const events = known ? await this.prisma.outboxEvent.findMany({ where: { messageKey: known.pseudonym }, orderBy: { id: 'asc' } }) : [];
    return { ...records, events: events.map((e) => ({ headers: e.headers as Record<string, string>, value: e.value })) };
  }
}
