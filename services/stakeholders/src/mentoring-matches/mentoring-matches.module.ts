import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { MentorsModule } from '../mentors/mentors.module';
import { SitesModule } from '../sites/sites.module';
import { MentoringMatchesController } from './mentoring-matches.controller';
import { MentoringMatchesRepository } from './mentoring-matches.repository';
import { MentoringMatchesService } from './mentoring-matches.service';

@Module({
  imports: [SitesModule, MentorsModule, BeneficiariesModule],
  controllers: [MentoringMatchesController],
  providers: [MentoringMatchesService, MentoringMatchesRepository],
})
export class MentoringMatchesModule {}
