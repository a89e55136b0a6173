import { Module } from '@nestjs/common';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({ providers: [OrganisationsService, OrganisationsRepository], exports: [OrganisationsService] })
export class OrganisationsModule {}
