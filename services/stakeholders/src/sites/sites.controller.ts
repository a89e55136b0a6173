import { Body, Controller, Get, HttpCode, Injectable, Param, Patch, Post, type PipeTransform } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Problem, problems, Roles, SchemaPipe, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { immutableFieldErrors } from './sites.rules';
import { CreateSiteBody, IMMUTABLE_SITE_FIELDS, PatchSiteBody, SiteList, SiteListQuery, SiteView } from './sites.schemas';
import { SitesService } from './sites.service';


/**
 * A PATCH naming code, country or programme is told that those cannot change (not that they
 * are unknown), together with any other invalid field.
 */
@Injectable()
export class PatchSitePipe implements PipeTransform<unknown, PatchSiteBody> {
  private readonly schema = new SchemaPipe(PatchSiteBody, 'body');

  transform(value: unknown): PatchSiteBody {
    const immutable = immutableFieldErrors(value);
    const rest = immutable.length ? Object.fromEntries(Object.entries(value as object).filter(([k]) => !(IMMUTABLE_SITE_FIELDS as readonly string[]).includes(k))) : value;
    let parsed: PatchSiteBody;
    try {
      parsed = this.schema.transform(rest);
    } catch (e) {
      if (e instanceof Problem && immutable.length) throw problems.validation([...immutable, ...(e.body.errors ?? [])]);
      throw e;
    }
    if (immutable.length) throw problems.validation(immutable, `Invalid body: ${immutable.map((e) => `${e.path} ${e.message}`).join('; ')}.`);
    return parsed;
  }
}

@Controller('v1/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @ApiDoc({ summary: 'Register a pilot site', responses: { 201: { description: 'Created', schema: SiteView }, 409: { description: 'Site code exists' } } })
  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@ValidBody(CreateSiteBody) body: CreateSiteBody): Promise<SiteView> {
    return this.sites.register(body);
  }

  @ApiDoc({ summary: 'List sites in code order (site_staff: their own)', responses: { 200: { description: 'One page of sites', schema: SiteList } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(SiteListQuery) query: SiteListQuery) {
    return this.sites.list(principal, query);
  }

  @ApiDoc({ summary: 'One site', responses: { 200: { description: 'Site', schema: SiteView }, 404: { description: 'Unknown site' } } })
  @Get(':code')
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<SiteView> {
    return this.sites.get(principal, code);
  }

  @ApiDoc({ summary: 'Change a site (code, country and programme cannot change; targets is replaced whole). Publishes meic.site.updated with the whole new state; a PATCH that changes nothing publishes nothing.', body: PatchSiteBody, responses: { 200: { description: 'The site after the change', schema: SiteView }, 404: { description: 'Unknown site' } } })
  @Patch(':code')
  @Roles('admin')
  update(@Param('code') code: string, @Body(new PatchSitePipe()) body: PatchSiteBody): Promise<SiteView> {
    return this.sites.update(code, body);
  }
}
