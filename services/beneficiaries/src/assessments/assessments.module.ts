import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

@Module({ imports: [BeneficiariesModule], controllers: [AssessmentsController], providers: [AssessmentsService, AssessmentsRepository] })
export class AssessmentsModule {}
