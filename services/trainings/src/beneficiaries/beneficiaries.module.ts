import { Module } from '@nestjs/common';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';

/** BeneficiaryReferences comes from BeneficiaryReferencesModule, registered once by the app. */
@Module({ providers: [BeneficiariesService, BeneficiariesRepository], exports: [BeneficiariesService] })
export class BeneficiariesModule {}
