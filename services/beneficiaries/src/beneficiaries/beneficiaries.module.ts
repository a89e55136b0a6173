import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { BeneficiariesController } from './beneficiaries.controller';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { BeneficiariesService } from './beneficiaries.service';

@Module({ imports: [SitesModule], controllers: [BeneficiariesController], providers: [BeneficiariesService, BeneficiariesRepository], exports: [BeneficiariesService] })
export class BeneficiariesModule {}
