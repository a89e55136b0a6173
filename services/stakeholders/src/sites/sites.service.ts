import { Injectable } from '@nestjs/common';
import { buildEvent } from '@meic/contracts';
import { asDate, decodeCursor, isoDate, listSiteScope, outboxRow, problems, requireSiteAccess, toPage, type Page, type Principal } from '@meic/service-kit';
import { Prisma, type Site } from '../generated/prisma/client';
import { SitesRepository, type SiteColumns } from './sites.repository';
import { applySitePatch, codeMismatch, roundPct, type SiteState } from './sites.rules';
import type { CreateSiteBody, PatchSiteBody, SiteListQuery, SiteView } from './sites.schemas';

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

const stateOf = (v: SiteState): SiteState => ({ name: v.name, city: v.city, clusterName: v.clusterName, startedOn: v.startedOn, defaultLanguage: v.defaultLanguage, targets: v.targets });

function columnsOf(state: SiteState): SiteColumns {
  return {
    name: state.name,
    city: state.city,
    clusterName: state.clusterName,
    startedOn: asDate(state.startedOn),
    defaultLanguage: state.defaultLanguage,
    targetEnrolled: state.targets.enrolled,
    targetPlaced: state.targets.placed,
    targetWomenShare: new Prisma.Decimal(state.targets.womenSharePct),
  };
}

@Injectable()
export class SitesService {
  constructor(private readonly sites: SitesRepository) {}

  async register(body: CreateSiteBody, now = new Date()): Promise<SiteView> {
    const mismatch = codeMismatch(body.code, body.country);
    if (mismatch.length) throw problems.validation(mismatch);
    const { code, country, programme, ...rest } = body;
    const state: SiteState = { ...rest, targets: { ...body.targets, womenSharePct: roundPct(body.targets.womenSharePct) } };
    const event = buildEvent('meic.site.registered.v1', { ...state, siteCode: code, country, programme, occurredOn: isoDate(now) }, { time: now });
    const created = await this.sites.insertWithEvent({ code, country, programme, ...columnsOf(state) }, outboxRow(event));
    if (!created) throw problems.conflict(`Site ${body.code} already exists.`);
    return toSiteView(created);
  }

  /** Applies a PATCH; publishes site.updated with the whole new state, or nothing when nothing changed. */
  async update(code: string, patch: PatchSiteBody, now = new Date()): Promise<SiteView> {
    const updated = await this.sites.updateWithEvent(code, (current) => {
      const { code: siteCode, country, programme, ...view } = toSiteView(current);
      const next = applySitePatch(stateOf(view), patch);
      if (!next) return null;
      const event = buildEvent('meic.site.updated.v1', { ...next, siteCode, country, programme, occurredOn: isoDate(now) }, { time: now });
      return { changes: columnsOf(next), event: outboxRow(event) };
    });
    if (!updated) throw problems.notFound(`Site ${code} does not exist.`);
    return toSiteView(updated);
  }

  async get(principal: Principal, code: string): Promise<SiteView> {
    requireSiteAccess(principal, code);
    const site = await this.sites.findByCode(code);
    if (!site) throw problems.notFound(`Site ${code} does not exist.`);
    return toSiteView(site);
  }

  async list(principal: Principal, query: SiteListQuery): Promise<Page<SiteView>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ code: string }>(query.cursor, ['code']);
    const rows = await this.sites.list({ country: query.country, programme: query.programme, codes: listSiteScope(principal, undefined), afterCode: after?.code, limit });
    return toPage(rows, limit, (s) => ({ code: s.code }), toSiteView);
  }

  /**
   * A site another record refers to: it must be registered here, else the reference is a 422
   * naming the field. Access (403) is checked by the caller before, so it never leaks existence.
   */
  async requireKnown(code: string, path = '/siteCode'): Promise<Site> {
    const site = await this.sites.findByCode(code);
    if (!site) throw problems.unprocessable(`Site ${code} is not registered.`, [{ path, message: 'unknown site' }]);
    return site;
  }

  /** A site named in the URL: 404 when it does not exist. */
  async requireExisting(code: string): Promise<Site> {
    const site = await this.sites.findByCode(code);
    if (!site) throw problems.notFound(`Site ${code} does not exist.`);
    return site;
  }
}
