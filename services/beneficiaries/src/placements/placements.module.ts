import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

@Module({ imports: [BeneficiariesModule, OrganisationsModule], controllers: [PlacementsController], providers: [PlacementsService, PlacementsRepository], exports: [PlacementsService] })
export class PlacementsModule {}
