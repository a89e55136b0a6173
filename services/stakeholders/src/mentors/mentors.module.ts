import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { MentorsController } from './mentors.controller';
import { MentorsRepository } from './mentors.repository';
import { MentorsService } from './mentors.service';

@Module({ imports: [SitesModule], controllers: [MentorsController], providers: [MentorsService, MentorsRepository], exports: [MentorsService] })
export class MentorsModule {}
