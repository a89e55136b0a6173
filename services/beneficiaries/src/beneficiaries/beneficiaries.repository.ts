import { Injectable } from '@nestjs/common';
import { PrismaClient, type Beneficiary, type PersonalData } from '../generated/prisma/client';
import type { OutboxRow } from '@meic/service-kit';

export type BeneficiaryWithPerson = Beneficiary & { personalData: PersonalData | null };
export type NewBeneficiary = Omit<Beneficiary, 'createdAt' | 'updatedAt' | 'erasedAt' | 'languages'> & { languages: { code: string; cefr: string }[] };

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Record, personal data and event in one transaction. */
  async insertWithEvent(record: NewBeneficiary, person: Omit<PersonalData, 'beneficiaryId'>, event: OutboxRow): Promise<BeneficiaryWithPerson> {
    const [created] = await this.prisma.$transaction([
      this.prisma.beneficiary.create({ data: { ...record, personalData: { create: person } }, include: { personalData: true } }),
      this.prisma.outboxEvent.create({ data: event }),
    ]);
    return created;
  }

  find(id: string): Promise<BeneficiaryWithPerson | null> {
    return this.prisma.beneficiary.findUnique({ where: { id }, include: { personalData: true } });
  }
}
