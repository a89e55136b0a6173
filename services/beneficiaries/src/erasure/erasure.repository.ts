import { Injectable } from '@nestjs/common';
import type { OutboxRow } from '@meic/service-kit';
import { Prisma, PrismaClient, type Beneficiary, type Erasure } from '../generated/prisma/client';
import type { ErasureStepStatus, ErasureStore } from './erasure.types';

export interface NewErasure {
  id: string;
  beneficiaryId: string;
  siteCode: string;
  reason: string;
  requestedBy: string;
}

@Injectable()
export class ErasureRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * What happens at once, in one transaction with the tombstone and the event: the personal data
   * row goes, the site's ref and free text about the person (assessment skills, employer names)
   * are emptied, finer attributes are nulled (birth year, arrival year, education, languages),
   * open tasks go, stored Idempotency-Key responses about the person are reduced to ids. Every
   * later read or write about the person answers 404. False when there was no such person or they
   * were erased already.
   */
  async begin(erasure: NewErasure, erasedAt: Date, event: OutboxRow): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const id = erasure.beneficiaryId;
      const updated = await tx.beneficiary.updateMany({
        where: { id, erasedAt: null },
        data: { erasedAt, ref: null, birthYear: null, arrivalYear: null, educationIsced: null, languages: Prisma.DbNull },
      });
      if (updated.count === 0) return false;
      await tx.erasure.create({ data: erasure });
      await tx.personalData.deleteMany({ where: { beneficiaryId: id } });
      await tx.assessment.updateMany({ where: { beneficiaryId: id }, data: { skills: [] } });
      await tx.placement.updateMany({ where: { beneficiaryId: id }, data: { employerName: null } });
      await tx.task.deleteMany({ where: { beneficiaryId: id, status: 'open' } });
      // A replayed enrolment or assessment would otherwise hand the erased data back out.
      await tx.$executeRaw`UPDATE idempotency_keys SET response_body = jsonb_build_object('id', response_body -> 'id')
        WHERE status_code IS NOT NULL AND response_body IS NOT NULL
          AND (response_body ->> 'id' = ${id} OR path LIKE ${`/v1/beneficiaries/${id}/%`})`;
      await tx.outboxEvent.create({ data: event });
      return true;
    });
  }

  find(erasureId: string): Promise<Erasure | null> {
    return this.prisma.erasure.findUnique({ where: { id: erasureId } });
  }

  findByBeneficiary(beneficiaryId: string): Promise<Erasure | null> {
    return this.prisma.erasure.findUnique({ where: { beneficiaryId } });
  }

  /** Erasures not completed, oldest first: what a restart or a restore must drive to the end. */
  unfinished(): Promise<Erasure[]> {
    return this.prisma.erasure.findMany({ where: { completedAt: null }, orderBy: { requestedAt: 'asc' } });
  }

  /**
   * People held here, not erased, whose pseudonym is in `pseudonyms`: rows a restore brought back
   * of people erased after the backup was taken.
   */
  async heldWithPseudonyms(pseudonyms: readonly string[]): Promise<Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country'>[]> {
    const found: Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country'>[] = [];
    // In slices: a long erasure log must not make one enormous IN list.
    for (let i = 0; i < pseudonyms.length; i += 1000) {
      found.push(...(await this.prisma.beneficiary.findMany({ where: { erasedAt: null, pseudonym: { in: pseudonyms.slice(i, i + 1000) } }, select: { id: true, pseudonym: true, siteCode: true, country: true } })));
    }
    return found;
  }

  /** Every completed erasure is made to run again (after a restore): returns how many. */
  async reopenCompleted(): Promise<number> {
    const { count } = await this.prisma.erasure.updateMany({ where: { completedAt: { not: null } }, data: { completedAt: null, steps: {} } });
    return count;
  }

  /** The pseudonym of the person, while the beneficiaries database still has their row (null after). */
  async pseudonymOf(beneficiaryId: string): Promise<string | null> {
    const found = await this.prisma.beneficiary.findUnique({ where: { id: beneficiaryId }, select: { pseudonym: true } });
    return found?.pseudonym ?? null;
  }

  async recordStep(erasureId: string, store: ErasureStore, status: ErasureStepStatus, at: Date): Promise<void> {
    const step = JSON.stringify({ status, at: at.toISOString() });
    await this.prisma.$executeRaw`UPDATE erasures SET steps = jsonb_set(steps, ARRAY[${store}], ${step}::jsonb) WHERE id = ${erasureId}::uuid AND completed_at IS NULL`;
  }

  async complete(erasureId: string, at: Date): Promise<void> {
    await this.prisma.erasure.updateMany({ where: { id: erasureId, completedAt: null }, data: { completedAt: at } });
  }

  /**
   * The beneficiaries database's step, in one transaction: every row about the person goes (the
   * person's row with their pseudonym, assessments, placements and follow-ups, tasks, consent
   * changes, data exports), stored Idempotency-Key requests about them, and the audit log keeps what was done
   * and by whom but no longer to whom. The tombstone (`erasures`) stays.
   */
  purge(beneficiaryId: string): Promise<void> {
    const id = beneficiaryId;
    return this.prisma.$transaction(async (tx) => {
      await tx.followUp.deleteMany({ where: { placement: { beneficiaryId: id } } });
      await tx.placement.deleteMany({ where: { beneficiaryId: id } });
      await tx.assessment.deleteMany({ where: { beneficiaryId: id } });
      await tx.task.deleteMany({ where: { beneficiaryId: id } });
      await tx.consentChange.deleteMany({ where: { beneficiaryId: id } });
      await tx.dataExport.deleteMany({ where: { beneficiaryId: id } });
      await tx.personalData.deleteMany({ where: { beneficiaryId: id } });
      await tx.beneficiary.deleteMany({ where: { id } });
      await tx.$executeRaw`DELETE FROM idempotency_keys WHERE path LIKE ${`%${id}%`} OR response_body::text LIKE ${`%${id}%`}`;
      await tx.auditEntry.updateMany({ where: { resourceId: id }, data: { resourceId: null } });
    });
  }
}
