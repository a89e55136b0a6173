import { Module } from '@nestjs/common';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';

/** The beneficiaries read model (no controller: this service never serves people). */
@Module({ providers: [BeneficiariesService, BeneficiariesRepository], exports: [BeneficiariesService] })
export class BeneficiariesModule {}
