import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { CoursesModule } from '../courses/courses.module';
import { EnrolmentsController } from './enrolments.controller';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';

@Module({ imports: [CoursesModule, BeneficiariesModule], controllers: [EnrolmentsController], providers: [EnrolmentsService, EnrolmentsRepository] })
export class EnrolmentsModule {}
