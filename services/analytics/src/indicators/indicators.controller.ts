import { Controller, Get, Inject } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { CatalogueResponse, type Catalogue } from './indicator-catalogue';
import { IndicatorsQuery, IndicatorsResponse } from './indicators.schemas';
import { IndicatorsService } from './indicators.service';
import { INDICATOR_CATALOGUE } from './indicators.tokens';

@Controller('v1/indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    @Inject(INDICATOR_CATALOGUE) private readonly catalogue: Catalogue,
  ) {}

  @ApiDoc({ summary: 'The indicator catalogue evaluated for a period: counts, rates with 95% Wilson intervals, Kaplan–Meier medians, targets and progress (perturbed by the cell-key method except for site_staff)', responses: { 200: { description: 'Indicators', schema: IndicatorsResponse } } })
  @Get()
  evaluate(@CurrentPrincipal() principal: Principal, @ValidQuery(IndicatorsQuery) query: IndicatorsQuery): Promise<IndicatorsResponse> {
    return this.indicators.evaluate(principal, query);
  }

  @ApiDoc({ summary: 'The indicator catalogue as defined (codes, titles in en/it/el, conditions, units, targets, disaggregations)', responses: { 200: { description: 'Catalogue', schema: CatalogueResponse } } })
  @Get('catalogue')
  raw(): CatalogueResponse {
    return { indicators: this.catalogue.indicators };
  }
}

