import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { DropoutsController } from './dropouts.controller';
import { DropoutsRepository } from './dropouts.repository';
import { DropoutsService } from './dropouts.service';

@Module({ imports: [BeneficiariesModule], controllers: [DropoutsController], providers: [DropoutsService, DropoutsRepository] })
export class DropoutsModule {}
