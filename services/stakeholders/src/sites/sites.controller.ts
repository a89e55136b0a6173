import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles, ValidBody, ValidQuery, type Principal, type RouteDoc } from '@meic/service-kit';

import { CreateSiteBody, SiteList, SiteListQuery, SiteView } from './sites.schemas';
import { SitesService } from './sites.service';

@Controller('v1/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@ValidBody(CreateSiteBody) body: CreateSiteBody): Promise<SiteView> {
    return this.sites.register(body);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @ValidQuery(SiteListQuery) query: SiteListQuery): Promise<{ items: SiteView[] }> {
    return { items: await this.sites.list(principal, query) };
  }

  @Get(':code')
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<SiteView> {
    return this.sites.get(principal, code);
  }
}

export const sitesRoutes: RouteDoc[] = [
  { method: 'post', path: '/v1/sites', summary: 'Register a pilot site', roles: ['admin'], body: CreateSiteBody, responses: { 201: { description: 'Created', schema: SiteView }, 409: { description: 'Site code exists' } } },
  { method: 'get', path: '/v1/sites', summary: 'List sites (site_staff: their own)', roles: ['admin', 'consortium_lead', 'evaluator', 'site_staff'], query: SiteListQuery.properties, responses: { 200: { description: 'Sites', schema: SiteList } } },
  { method: 'get', path: '/v1/sites/{code}', summary: 'One site', roles: ['admin', 'consortium_lead', 'evaluator', 'site_staff'], responses: { 200: { description: 'Site', schema: SiteView }, 404: { description: 'Unknown site' } } },
];
