import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { InternshipsController } from './internships.controller';
import { InternshipsRepository } from './internships.repository';
import { InternshipsService } from './internships.service';

@Module({ imports: [SitesModule, OrganisationsModule, BeneficiariesModule], controllers: [InternshipsController], providers: [InternshipsService, InternshipsRepository] })
export class InternshipsModule {}
