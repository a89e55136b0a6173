import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { pathwayTemplateProblems, PathwayTemplateBody, SiteCode } from '@meic/contracts';
import { ApiDoc, Audited, problems, Roles, ROLES } from '@meic/service-kit';
import { Type } from '@sinclair/typebox';
import { siteCodeParam as siteCode } from '../sites/site-code';
import { PathwayTemplateService, type PathwayTemplateWrite, type SitePathwayTemplate } from './pathway-template.service';

const SiteTemplateView = Type.Object({
  siteCode: SiteCode,
  source: Type.Union([Type.Literal('site'), Type.Literal('deployment-file'), Type.Literal('default')], {
    description: "site: set for the site through this API (site files); deployment-file: the beneficiaries service's pathway-templates/<code>.yaml; default: its default.yaml",
  }),
  template: PathwayTemplateBody,
});
const SiteTemplateWriteView = Type.Composite([SiteTemplateView, Type.Object({ changed: Type.Boolean({ description: 'False when the site had this template already' }) })]);

/**
 * A site's pathway template: what its new pathways start with. Readable by every role (it holds
 * no personal data: it is how the site works); set by admins, as site files do.
 */
@Controller('v1/sites/:code/pathway-template')
@Audited({ resource: 'pathway-template' })
export class PathwayTemplateController {
  constructor(private readonly templates: PathwayTemplateService) {}

  @ApiDoc({ summary: "The template the site's new pathways start with, and where it comes from (set for the site, the deployment's file for it, or the default)", responses: { 200: { description: 'The template', schema: SiteTemplateView }, 404: { description: 'Site not known to this service' } } })
  @Get()
  @Roles(...ROLES)
  get(@Param('code') code: string): Promise<SitePathwayTemplate> {
    return this.templates.current(siteCode(code));
  }

  @ApiDoc({ summary: "Sets the site's template for its new pathways (running pathways keep theirs until POST /v1/sites/{code}/pathways/migrate-template). The same template again changes nothing; a changed one needs a higher version", body: PathwayTemplateBody, responses: {
      200: { description: 'Stored (changed: true) or already the site’s template (changed: false)', schema: SiteTemplateWriteView },
      409: { description: 'A different template under a version not above the current one' },
      422: { description: 'Site not known to this service (yet)' },
    } })
  @Put()
  @Roles('admin')
  put(@Param('code') code: string, @Body() body: unknown): Promise<PathwayTemplateWrite> {
    const site = siteCode(code);
    const errors = pathwayTemplateProblems(body ?? {});
    if (errors.length > 0) throw problems.validation(errors, `Invalid body: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`);
    return this.templates.set(site, body as PathwayTemplateBody);
  }
}
