import { Injectable } from '@nestjs/common';
import type { SiteRegisteredV1, SiteUpdatedV1 } from '@meic/contracts';
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

  find(code: string): Promise<KnownSite | null> {
    return this.sites.find(code);
  }

  all(): Promise<KnownSite[]> {
    return this.sites.all();
  }
}
