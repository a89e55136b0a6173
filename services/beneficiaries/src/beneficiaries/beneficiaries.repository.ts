import { Injectable } from '@nestjs/common';
import { afterCreated, createdOrder, type CreatedKey, type OutboxRow } from '@meic/service-kit';
import { Prisma, PrismaClient, type Beneficiary, type PersonalData } from '../generated/prisma/client';

export type BeneficiaryWithPerson = Beneficiary & { personalData: PersonalData | null };
export type NewBeneficiary = Omit<Beneficiary, 'createdAt' | 'updatedAt' | 'erasedAt' | 'languages' | 'stage' | 'droppedOutOn' | 'dropoutReason' | 'pseudonym'> & {
  pseudonym: string;
  languages: { code: string; cefr: string }[];
};
/**
 * Inside a write about a person: locks their record against erasure (FOR SHARE conflicts with
 * the erasure's UPDATE), so nothing about a person can be written once they are erased. False
 * when the person does not exist or was erased; the caller then rolls back.
 */
export async function lockActiveBeneficiary(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM beneficiaries WHERE id = ${id}::uuid AND erased_at IS NULL FOR SHARE`;
  return locked.length > 0;
}

export interface BeneficiaryFilter {
  siteCodes?: readonly string[];
  stage?: string;
  ref?: string;
  after?: CreatedKey;
  limit: number;
}

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Record, personal data and event in one transaction; 'duplicate-ref' when the site's ref is taken. */
  async insertWithEvents(record: NewBeneficiary, person: Omit<PersonalData, 'beneficiaryId'>, events: readonly OutboxRow[]): Promise<BeneficiaryWithPerson | 'duplicate-ref'> {
    try {
      const [created] = await this.prisma.$transaction([
        this.prisma.beneficiary.create({ data: { ...record, personalData: { create: person } }, include: { personalData: true } }),
        ...events.map((data) => this.prisma.outboxEvent.create({ data })),
      ]);
      return created;
    } catch (e) {
      // The only unique key a new record can collide on besides its fresh uuid.
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return 'duplicate-ref';
      throw e;
    }
  }

  find(id: string): Promise<BeneficiaryWithPerson | null> {
    return this.prisma.beneficiary.findUnique({ where: { id }, include: { personalData: true } });
  }

  /** Not erased, in keyset order (createdAt, id); `limit + 1` rows so the caller knows if there is more. */
  list(filter: BeneficiaryFilter): Promise<BeneficiaryWithPerson[]> {
    return this.prisma.beneficiary.findMany({
      where: {
        erasedAt: null,
        ...(filter.siteCodes ? { siteCode: { in: [...filter.siteCodes] } } : {}),
        ...(filter.stage ? { stage: filter.stage } : {}),
        ...(filter.ref ? { ref: filter.ref } : {}),
        ...afterCreated(filter.after),
      },
      include: { personalData: true },
      orderBy: createdOrder(),
      take: filter.limit + 1,
    });
  }

  /**
   * Erasure in one transaction: the personal data row goes, the site's ref is nulled, free text about the person is
   * emptied (assessment skills, employer names), their open caseworker tasks go, attributes finer than the coarse ones are
   * nulled (birth year — the age band stays —, arrival year, education, languages), stored
   * Idempotency-Key responses about the person are reduced to ids, and the event is written.
   * Returns false when there was no such person or they were erased already.
   */
  async erase(id: string, erasedAt: Date, event: OutboxRow): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.beneficiary.updateMany({
        where: { id, erasedAt: null },
        data: { erasedAt, ref: null, birthYear: null, arrivalYear: null, educationIsced: null, languages: Prisma.DbNull },
      });
      if (updated.count === 0) return false;
      await tx.personalData.deleteMany({ where: { beneficiaryId: id } });
      await tx.assessment.updateMany({ where: { beneficiaryId: id }, data: { skills: [] } });
      await tx.placement.updateMany({ where: { beneficiaryId: id }, data: { employerName: null } });
      // Open caseworker tasks are work about someone who is gone (their pathway ends too); closed
      // ones stay as the record of work done.
      await tx.task.deleteMany({ where: { beneficiaryId: id, status: 'open' } });
      // A replayed enrolment or assessment would otherwise hand the erased data back out.
      await tx.$executeRaw`UPDATE idempotency_keys SET response_body = jsonb_build_object('id', response_body -> 'id')
        WHERE status_code IS NOT NULL AND response_body IS NOT NULL
          AND (response_body ->> 'id' = ${id} OR path LIKE ${`/v1/beneficiaries/${id}/%`})`;
      await tx.outboxEvent.create({ data: event });
      return true;
    });
  }

  async exists(id: string, opts: { includeErased: boolean }): Promise<boolean> {
    const found = await this.prisma.beneficiary.findUnique({ where: { id }, select: { erasedAt: true } });
    return found !== null && (opts.includeErased || found.erasedAt === null);
  }

  findByPseudonym(pseudonym: string): Promise<Pick<Beneficiary, 'id' | 'siteCode' | 'enrolledOn' | 'erasedAt'> | null> {
    return this.prisma.beneficiary.findUnique({ where: { pseudonym }, select: { id: true, siteCode: true, enrolledOn: true, erasedAt: true } });
  }

  /** Only once erased: a person in the pathway keeps their pseudonym. */
  async forgetPseudonym(id: string): Promise<void> {
    await this.prisma.beneficiary.updateMany({ where: { id, erasedAt: { not: null } }, data: { pseudonym: null } });
  }
}
