import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { ErasuresController } from './erasures.controller';

@Module({ imports: [BeneficiariesModule], controllers: [ErasuresController] })
export class ErasuresModule {}
