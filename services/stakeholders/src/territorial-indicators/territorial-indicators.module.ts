import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { TerritorialIndicatorsController } from './territorial-indicators.controller';
import { TerritorialIndicatorsRepository } from './territorial-indicators.repository';
import { TerritorialIndicatorsService } from './territorial-indicators.service';

@Module({ imports: [SitesModule], controllers: [TerritorialIndicatorsController], providers: [TerritorialIndicatorsService, TerritorialIndicatorsRepository] })
export class TerritorialIndicatorsModule {}
