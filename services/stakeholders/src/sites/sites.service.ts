import { Injectable } from '@nestjs/common';
import { buildEvent } from '@meic/contracts';
import { canAccessSite, outboxRow, problems, type Principal } from '@meic/service-kit';
import { Prisma, type Site } from '../generated/prisma/client';
import { SitesRepository } from './sites.repository';
import type { CreateSiteBody, SiteListQuery, SiteView } from './sites.schemas';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function toSiteView(site: Site): SiteView {
  return {
    code: site.code,
    name: site.name,
    country: site.country,
    city: site.city,
    programme: site.programme,
    clusterName: site.clusterName,
    startedOn: isoDate(site.startedOn),
    defaultLanguage: site.defaultLanguage,
    targets: { enrolled: site.targetEnrolled, placed: site.targetPlaced, womenSharePct: site.targetWomenShare.toNumber() },
    createdAt: site.createdAt.toISOString(),
    updatedAt: site.updatedAt.toISOString(),
  };
}

@Injectable()
export class SitesService {
  constructor(private readonly sites: SitesRepository) {}

  async register(body: CreateSiteBody, now = new Date()): Promise<SiteView> {
    if (!body.code.startsWith(`${body.country}-`)) {
      throw problems.validation([{ path: '/code', message: `must start with the country code '${body.country}-'` }]);
    }
    const { code, ...facts } = body;
    const event = buildEvent('meic.site.registered.v1', { ...facts, siteCode: code, occurredOn: isoDate(now) }, { time: now });
    const created = await this.sites.insertWithEvent(
      {
        code: body.code,
        name: body.name,
        country: body.country,
        city: body.city,
        programme: body.programme,
        clusterName: body.clusterName,
        startedOn: new Date(`${body.startedOn}T00:00:00Z`),
        defaultLanguage: body.defaultLanguage,
        targetEnrolled: body.targets.enrolled,
        targetPlaced: body.targets.placed,
        targetWomenShare: new Prisma.Decimal(body.targets.womenSharePct),
      },
      outboxRow(event),
    );
    if (!created) throw problems.conflict(`Site ${body.code} already exists.`);
    return toSiteView(created);
  }

  async get(principal: Principal, code: string): Promise<SiteView> {
    if (!canAccessSite(principal, code)) throw problems.forbidden(`You do not work at site ${code}.`);
    const site = await this.sites.findByCode(code);
    if (!site) throw problems.notFound(`Site ${code} does not exist.`);
    return toSiteView(site);
  }

  async list(principal: Principal, query: SiteListQuery): Promise<SiteView[]> {
    const codes = principal.role === 'site_staff' ? principal.sites : undefined;
    return (await this.sites.list({ ...query, codes })).map(toSiteView);
  }
}
