import { Module } from '@nestjs/common';
import { SitesRepository } from './sites.repository';
import { SitesService } from './sites.service';

@Module({ providers: [SitesService, SitesRepository], exports: [SitesService] })
export class SitesModule {}
