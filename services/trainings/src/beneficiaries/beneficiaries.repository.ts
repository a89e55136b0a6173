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
   * Erasure of the person with this pseudonym, in one transaction: the pseudonym is tombstoned,
   * and their course enrolments, internships, stored Idempotency-Key requests and responses about
   * them, and their row go. False when they were never known here (the tombstone stays anyway).
   */
  erase(pseudonym: string, erasedOn: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await tx.erasedPerson.createMany({ data: [{ pseudonym, erasedOn }], skipDuplicates: true });
      const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM known_beneficiaries WHERE pseudonym = ${pseudonym}::uuid FOR UPDATE`;
      const id = rows[0]?.id;
      if (!id) return false;
      await tx.courseEnrolment.deleteMany({ where: { beneficiaryId: id } });
      await tx.internship.deleteMany({ where: { beneficiaryId: id } });
      await tx.$executeRaw`DELETE FROM idempotency_keys WHERE path LIKE ${`%${id}%`} OR response_body::text LIKE ${`%${id}%`}`;
      await tx.knownBeneficiary.delete({ where: { id } });
      return true;
    });
  }
}
