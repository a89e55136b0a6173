import { Inject, Injectable } from '@nestjs/common';
import { pathwayTemplateChange, samePathwayTemplate, type PathwayTemplateBody } from '@meic/contracts';
import { Problem, problems } from '@meic/service-kit';
import { SitesService } from '../sites/sites.service';
import { PathwayTemplateRepository } from './pathway-template.repository';
import { copyTemplate, type PathwayTemplates } from './pathway-templates';
import type { PathwayTemplate } from './pathway.rules';

export const PATHWAY_TEMPLATE_FILES = Symbol('PATHWAY_TEMPLATE_FILES');

/** Where a site's template comes from: set for the site through the API, its deployment file, or the deployment's default. */
export type PathwayTemplateSource = 'site' | 'deployment-file' | 'default';

export interface SitePathwayTemplate {
  siteCode: string;
  source: PathwayTemplateSource;
  template: PathwayTemplate;
}

export interface PathwayTemplateWrite extends SitePathwayTemplate {
  /** False when the site had this template already (a repeated write). */
  changed: boolean;
}

/**
 * The template a site's new pathways start with: the one set for the site through the API, else
 * the deployment's file for the site, else the default file. Running pathways keep the template
 * they started with (a snapshot in their input) until an admin migrates them.
 */
@Injectable()
export class PathwayTemplateService {
  constructor(
    @Inject(PATHWAY_TEMPLATE_FILES) private readonly files: PathwayTemplates,
    private readonly stored: PathwayTemplateRepository,
    private readonly sites: SitesService,
  ) {}

  async forSite(siteCode: string): Promise<PathwayTemplate> {
    return (await this.resolve(siteCode)).template;
  }

  async current(siteCode: string): Promise<SitePathwayTemplate> {
    if (!(await this.sites.find(siteCode))) throw problems.notFound(`Site ${siteCode} is not known to the beneficiaries service.`);
    return this.resolve(siteCode);
  }

  /**
   * Sets the site's template. The same template again changes nothing; a different one needs a
   * version above the site's current own template (stored or file), because pathways report the
   * version they follow and two contents under one version could not be told apart.
   */
  async set(siteCode: string, template: PathwayTemplateBody): Promise<PathwayTemplateWrite> {
    if (!(await this.sites.find(siteCode))) {
      throw problems.unprocessable(`Site ${siteCode} is not known to the beneficiaries service (yet).`, [{ path: '/code', message: 'unknown site' }]);
    }
    const now = await this.resolve(siteCode);
    const change = pathwayTemplateChange(now.source === 'default' ? null : now.template, template);
    // The same content as the deployment's file is still stored: the site's own from now on.
    if (change === 'same' && now.source === 'site') return { ...now, changed: false };
    if (change === 'stale-version') throw versionConflict(siteCode, now);
    if (!(await this.stored.saveIfNewer(siteCode, template))) {
      // Another write stored this version or a later one between our read and our write.
      const after = await this.resolve(siteCode);
      if (after.source === 'site' && samePathwayTemplate(after.template, template)) return { ...after, changed: false };
      throw versionConflict(siteCode, after);
    }
    return { siteCode, source: 'site', template: copyTemplate(template), changed: true };
  }

  private async resolve(siteCode: string): Promise<SitePathwayTemplate> {
    const own = await this.stored.find(siteCode);
    if (own) return { siteCode, source: 'site', template: copyTemplate(own.template) };
    if (this.files.sites.includes(siteCode)) return { siteCode, source: 'deployment-file', template: this.files.forSite(siteCode) };
    return { siteCode, source: 'default', template: this.files.forSite(siteCode) };
  }
}

function versionConflict(siteCode: string, now: SitePathwayTemplate) {
  const v = now.template.version;
  const where = now.source === 'site' ? 'set for the site' : "the deployment's file";
  return Problem.of(409, 'conflict', 'Conflict', `${siteCode}'s pathway template is at version ${v} (${where}) with other content: a changed template needs a version above ${v}.`, [
    { path: '/version', message: `must be above ${v} for a changed template` },
  ]);
}
