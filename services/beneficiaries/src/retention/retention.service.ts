import { Injectable } from '@nestjs/common';
import { DEFAULT_RETENTION_YEARS } from '@meic/contracts';
import { asDate, isoDate, problems, type Principal } from '@meic/service-kit';
import { ErasureRepository } from '../erasure/erasure.repository';
import { beginErasure } from '../erasure/erasure.service';
import type { KnownSite, SiteRetention } from '../generated/prisma/client';
import { SitesService } from '../sites/sites.service';
import { expiredEnrolmentsUpTo, addYears, expiresOn } from './retention.rules';
import { RetentionRepository, type ExpiredSite } from './retention.repository';
import { type RetentionReport, type RetentionSweepResult, type RetentionView, type SetRetentionBody } from './retention.schemas';

/** Who the tombstones of the retention schedule's erasures name as having asked. */
export const RETENTION_REQUESTER = 'retention-schedule';

/**
 * Retention (GDPR art. 5(1)(e)): a site's records are kept until its programme's end plus a number
 * of years, then erased through the same flow as a request (ADR 0015), by the Temporal schedule
 * `retention-sweep`. The report is the sweep's dry run.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly sites: SitesService,
    private readonly erasures: ErasureRepository,
  ) {}

  async get(code: string): Promise<RetentionView> {
    if (!(await this.sites.find(code))) throw problems.notFound(`Site ${code} is not known to this service.`);
    return viewOf(code, await this.retention.find(code));
  }

  async set(principal: Principal, code: string, body: SetRetentionBody): Promise<RetentionView> {
    if (!(await this.sites.find(code))) throw problems.unprocessable(`Site ${code} is not known to this service (yet).`, [{ path: '/code', message: 'unknown site' }]);
    const row = await this.retention.upsert({ siteCode: code, programmeEndsOn: asDate(body.programmeEndsOn), years: body.years ?? DEFAULT_RETENTION_YEARS, updatedBy: principal.sub });
    return viewOf(code, row);
  }

  /** The dry run: what the sweep would erase on `asOf`, site by site and person by person. */
  async report(asOf: string): Promise<RetentionReport> {
    const [sites, policies] = await Promise.all([this.sites.all(), this.policies()]);
    const expired = expiredSitesOf(policies, asOf);
    const people = await this.retention.expiredPeople(expired);
    const perSite = new Map<string, number>();
    for (const p of people) perSite.set(p.siteCode, (perSite.get(p.siteCode) ?? 0) + 1);
    return {
      asOf,
      dryRun: true,
      sites: sites.map((s: KnownSite) => ({ ...viewOf(s.code, policies.get(s.code) ?? null), expired: perSite.get(s.code) ?? 0 })),
      people: people.map((p) => {
        const policy = policies.get(p.siteCode);
        const enrolledOn = isoDate(p.enrolledOn);
        return { beneficiaryId: p.id, siteCode: p.siteCode, enrolledOn, expiredOn: policy ? expiresOn(isoDate(policy.programmeEndsOn), policy.years, enrolledOn) : asOf };
      }),
    };
  }

  /**
   * Erases up to `limit` people whose records have expired on `asOf`: each as an erasure request
   * would (tombstone with reason `retention`, personal data gone, the erasure event, whose
   * consumer starts the erasure workflow). Answers counts only.
   */
  async sweep(asOf: string, limit: number, now = new Date()): Promise<RetentionSweepResult> {
    const expired = expiredSitesOf(await this.policies(), asOf);
    const people = await this.retention.expiredPeople(expired, limit);
    let erased = 0;
    for (const person of people) {
      if (await beginErasure(this.erasures, person, 'retention', RETENTION_REQUESTER, now)) erased++;
    }
    return { erased, remaining: await this.retention.countExpired(expired) };
  }

  private async policies(): Promise<Map<string, SiteRetention>> {
    return new Map((await this.retention.all()).map((r) => [r.siteCode, r]));
  }
}

function viewOf(siteCode: string, row: SiteRetention | null): RetentionView {
  if (!row) return { siteCode, programmeEndsOn: null, years: DEFAULT_RETENTION_YEARS, expiresOn: null };
  const ends = isoDate(row.programmeEndsOn);
  return { siteCode, programmeEndsOn: ends, years: row.years, expiresOn: addYears(ends, row.years) };
}

function expiredSitesOf(policies: Map<string, SiteRetention>, asOf: string): ExpiredSite[] {
  const sites: ExpiredSite[] = [];
  for (const p of policies.values()) {
    const upTo = expiredEnrolmentsUpTo(isoDate(p.programmeEndsOn), p.years, asOf);
    if (upTo) sites.push({ siteCode: p.siteCode, enrolledBy: asDate(upTo) });
  }
  return sites;
}
