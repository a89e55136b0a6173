import { Module } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { PlacementsModule } from '../placements/placements.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

@Module({ imports: [BeneficiariesModule, PlacementsModule], controllers: [FollowUpsController], providers: [FollowUpsService, FollowUpsRepository] })
export class FollowUpsModule {}
