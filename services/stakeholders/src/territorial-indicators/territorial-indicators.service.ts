import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildEvent } from '@meic/contracts';
import { createdKeyOf, decodeCreatedCursor, isoDate, outboxRow, problems, requireSiteAccess, toPage, type Page, type Principal } from '@meic/service-kit';
import type { TerritorialIndicator } from '../generated/prisma/client';
import { SitesService } from '../sites/sites.service';
import { TerritorialIndicatorsRepository } from './territorial-indicators.repository';
import type { IndicatorListQuery, IndicatorView, RecordIndicatorBody } from './territorial-indicators.schemas';

export function toIndicatorView(i: TerritorialIndicator): IndicatorView {
  return { id: i.id, siteCode: i.siteCode, key: i.key, value: i.value, referenceYear: i.referenceYear, source: i.source, createdAt: i.createdAt.toISOString() };
}

@Injectable()
export class TerritorialIndicatorsService {
  constructor(
    private readonly indicators: TerritorialIndicatorsRepository,
    private readonly sites: SitesService,
  ) {}

  /** One value per (site, key, reference year): a correction is a new key or year, not an overwrite. */
  async record(principal: Principal, siteCode: string, body: RecordIndicatorBody, now = new Date()): Promise<IndicatorView> {
    requireSiteAccess(principal, siteCode);
    const site = await this.sites.requireExisting(siteCode);
    const source = body.source.trim();
    const event = buildEvent(
      'meic.territorial-indicator.recorded.v1',
      { siteCode: site.code, country: site.country, occurredOn: isoDate(now), key: body.key, value: body.value, referenceYear: body.referenceYear, source },
      { time: now },
    );
    const created = await this.indicators.insertWithEvent({ id: randomUUID(), siteCode: site.code, key: body.key, value: body.value, referenceYear: body.referenceYear, source }, outboxRow(event));
    if (!created) throw problems.conflict(`Site ${site.code} already has a value of ${body.key} for ${body.referenceYear}.`);
    return toIndicatorView(created);
  }

  async list(principal: Principal, siteCode: string, query: IndicatorListQuery): Promise<Page<IndicatorView>> {
    requireSiteAccess(principal, siteCode);
    await this.sites.requireExisting(siteCode);
    const limit = query.limit ?? 50;
    const rows = await this.indicators.list({ siteCode, key: query.key, referenceYear: query.referenceYear, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toIndicatorView);
  }
}
