import { Module } from '@nestjs/common';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

/** The organisations read model: no API of its own, fed by the events consumer. */
@Module({ providers: [OrganisationsService, OrganisationsRepository], exports: [OrganisationsService] })
export class OrganisationsModule {}
