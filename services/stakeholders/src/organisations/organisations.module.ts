import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({ imports: [SitesModule], controllers: [OrganisationsController], providers: [OrganisationsService, OrganisationsRepository] })
export class OrganisationsModule {}
