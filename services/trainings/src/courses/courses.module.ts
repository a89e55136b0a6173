import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';

@Module({ imports: [SitesModule, OrganisationsModule], controllers: [CoursesController], providers: [CoursesService, CoursesRepository], exports: [CoursesService] })
export class CoursesModule {}
