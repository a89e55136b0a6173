import { Module } from '@nestjs/common';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';

@Module({ providers: [BeneficiariesService, BeneficiariesRepository], exports: [BeneficiariesService] })
export class BeneficiariesModule {}
