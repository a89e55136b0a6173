import { Module, type DynamicModule } from '@nestjs/common';
import { DEFAULT_CATALOGUE, loadCatalogue } from './indicator-catalogue';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { INDICATOR_CATALOGUE } from './indicators.tokens';

/** Needs KpisModule (global: KpiEngine). The catalogue is read and checked at boot: a bad file stops the service. */
@Module({})
export class IndicatorsModule {
  static forRoot(cataloguePath: string | undefined): DynamicModule {
    const catalogue = loadCatalogue(cataloguePath ?? DEFAULT_CATALOGUE);
    return {
      module: IndicatorsModule,
      controllers: [IndicatorsController],
      providers: [{ provide: INDICATOR_CATALOGUE, useValue: catalogue }, IndicatorsService],
    };
  }
}
