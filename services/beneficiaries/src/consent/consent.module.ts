import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { ConsentController } from './consent.controller';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';

@Module({ imports: [BeneficiariesModule], controllers: [ConsentController], providers: [ConsentService, ConsentRepository] })
export class ConsentModule {}
