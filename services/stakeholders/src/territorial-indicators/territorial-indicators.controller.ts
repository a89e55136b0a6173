import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { IndicatorList, IndicatorListQuery, IndicatorView, RecordIndicatorBody } from './territorial-indicators.schemas';
import { TerritorialIndicatorsService } from './territorial-indicators.service';

@Controller('v1/sites/:code/territorial-indicators')
export class TerritorialIndicatorsController {
  constructor(private readonly indicators: TerritorialIndicatorsService) {}

  @ApiDoc({ summary: "Record a value of the site's territorial analysis (one per key and reference year). Publishes meic.territorial-indicator.recorded.", responses: { 201: { description: 'Recorded', schema: IndicatorView }, 404: { description: 'Unknown site' }, 409: { description: 'The site already has a value for this key and year' } } })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  record(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @ValidBody(RecordIndicatorBody) body: RecordIndicatorBody): Promise<IndicatorView> {
    return this.indicators.record(principal, code, body);
  }

  @ApiDoc({ summary: "The site's territorial indicators in recording order", responses: { 200: { description: 'One page of indicator values', schema: IndicatorList }, 404: { description: 'Unknown site' } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @ValidQuery(IndicatorListQuery) query: IndicatorListQuery) {
    return this.indicators.list(principal, code, query);
  }
}
