import { Injectable } from '@nestjs/common';
import type { SiteRegisteredV1, SiteUpdatedV1 } from '@meic/contracts';
import { problems } from '@meic/service-kit';
import type { KnownSite } from '../generated/prisma/client';
import { SitesRepository } from './sites.repository';

/** What this service knows of the stakeholders service's sites, learnt from events only. */
@Injectable()
export class SitesService {
  constructor(private readonly sites: SitesRepository) {}

  /** A registration or an update: both carry the whole site, so both are an upsert. */
  async record(data: SiteRegisteredV1 | SiteUpdatedV1): Promise<void> {
    await this.sites.upsert({ code: data.siteCode, country: data.country, programme: data.programme, name: data.name });
  }

  /** The site a new record names, or 422: a site not (yet) seen on Kafka cannot be referred to. */
  async require(code: string): Promise<KnownSite> {
    const site = await this.sites.find(code);
    if (!site) throw problems.unprocessable(`Site ${code} is not known to the trainings service (yet).`, [{ path: '/siteCode', message: 'unknown site' }]);
    return site;
  }
}
