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

  async exists(id: string, opts: { includeErased: boolean }): Promise<boolean> {
    const found = await this.prisma.beneficiary.findUnique({ where: { id }, select: { erasedAt: true } });
    return found !== null && (opts.includeErased || found.erasedAt === null);
  }

  findByPseudonym(pseudonym: string): Promise<Pick<Beneficiary, 'id' | 'siteCode' | 'enrolledOn' | 'erasedAt'> | null> {
    return this.prisma.beneficiary.findUnique({ where: { pseudonym }, select: { id: true, siteCode: true, enrolledOn: true, erasedAt: true } });
  }
}
