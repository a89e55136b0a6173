import { Injectable } from '@nestjs/common';
import { PrismaClient, type KnownBeneficiary } from '../generated/prisma/client';

export type BeneficiaryEnrolment = Omit<KnownBeneficiary, 'erasedOn' | 'updatedAt'>;

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Never clears an erasure: a redelivered enrolment must not bring an erased person back. */
  upsert(b: BeneficiaryEnrolment): Promise<KnownBeneficiary> {
    const { id, ...rest } = b;
    return this.prisma.knownBeneficiary.upsert({ where: { id }, create: b, update: rest });
  }

  /** Marks the person erased; false if they were never seen. */
  async markErased(id: string, erasedOn: Date): Promise<boolean> {
    const { count } = await this.prisma.knownBeneficiary.updateMany({ where: { id }, data: { erasedOn } });
    return count > 0;
  }

  find(id: string): Promise<KnownBeneficiary | null> {
    return this.prisma.knownBeneficiary.findUnique({ where: { id } });
  }
}
