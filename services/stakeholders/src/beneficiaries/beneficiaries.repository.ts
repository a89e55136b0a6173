import { Injectable } from '@nestjs/common';
import { PrismaClient, type KnownBeneficiary } from '../generated/prisma/client';

export type EnrolledBeneficiary = Omit<KnownBeneficiary, 'updatedAt' | 'erasedAt'>;

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Idempotent on redelivery; never clears an erasure (a replayed enrolment must not revive a person). */
  async upsertEnrolled(b: EnrolledBeneficiary): Promise<void> {
    const { id, ...rest } = b;
    await this.prisma.knownBeneficiary.upsert({ where: { id }, create: b, update: rest });
  }

  /** Marks the erasure once; false when the person is unknown here. */
  async markErased(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.knownBeneficiary.updateMany({ where: { id, erasedAt: null }, data: { erasedAt: at } });
    if (count > 0) return true;
    return (await this.prisma.knownBeneficiary.count({ where: { id } })) > 0;
  }

  find(id: string): Promise<KnownBeneficiary | null> {
    return this.prisma.knownBeneficiary.findUnique({ where: { id } });
  }
}
