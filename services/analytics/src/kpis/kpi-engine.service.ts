import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AGE_BANDS, CONTRACT_TYPES, COURSE_TYPES, LEGAL_STATUSES, SEXES } from '@meic/contracts';
import type { Principal } from '@meic/service-kit';
import type { Cell } from './disclosure';
import { intervalBuckets, isExhaustive, OTHER, type Categorisation, type Condition, type Scope } from './measures';
import { ParticipantsRepository, type SiteRow } from './participants.repository';
import { PublisherService, type Level, type PublishedMeasure, type SiteRef } from './publisher.service';
import { rateWithInterval, type RateWithInterval } from './statistics';

/** How many citizenships a breakdown shows before "other" (kpis.md: top-N + other). */
export const TOP_CITIZENSHIPS = 10;

export interface SiteDirectory {
  refs: SiteRef[];
  info: Map<string, SiteRow>;
}

export interface MeasureSet {
  categories: string[];
  measures: Record<string, PublishedMeasure>;
}

/**
 * Counts measures (conditions from `measures.ts`) per site and category and publishes them
 * through the disclosure plan. Every KPI endpoint reads its numbers through here, so each one
 * counts people the same way and hides the same cells.
 */
@Injectable()
export class KpiEngine {
  constructor(
    readonly participants: ParticipantsRepository,
    readonly publisher: PublisherService,
  ) {}

  /** Every site known from its registration, plus any site seen only in participants' enrolments. */
  async sites(): Promise<SiteDirectory> {
    const [rows, seen] = await Promise.all([this.participants.sites(), this.participants.participantSites()]);
    const info = new Map(rows.map((r) => [r.site_code, r]));
    const refs: SiteRef[] = rows.map((r) => ({ code: r.site_code, country: r.country, programme: r.programme }));
    for (const s of seen) if (!info.has(s.site_code)) refs.push({ code: s.site_code, country: s.country, programme: s.programme || 'unknown' });
    refs.sort((a, b) => a.code.localeCompare(b.code));
    return { refs, info };
  }

  async categoriesOf(c: Categorisation, scope: Scope, directory: SiteDirectory): Promise<string[]> {
    switch (c.by) {
      case 'sex':
        return [...SEXES];
      case 'ageBand':
        return [...AGE_BANDS];
      case 'legalStatus':
        return [...LEGAL_STATUSES];
      case 'programme':
        return [...new Set(directory.refs.map((s) => s.programme))].sort();
      case 'firstContractType':
        return [...CONTRACT_TYPES];
      case 'citizenship':
        return [...c.top, OTHER];
      case 'courseType':
        return [...COURSE_TYPES, 'none'];
      case 'interval':
        return intervalBuckets(scope.from, scope.to, c.interval);
      default: {
        const never: never = c;
        throw new Error(`unknown categorisation ${JSON.stringify(never)}`);
      }
    }
  }

  /** The most frequent citizenships of the people enrolled in the period (the same for every reader). */
  async topCitizenships(scope: Scope): Promise<string[]> {
    return (await this.participants.citizenshipRanking(scope)).slice(0, TOP_CITIZENSHIPS);
  }

  async measures(principal: Principal, defs: Record<string, Condition>, categorisation: Categorisation | null, scope: Scope, directory?: SiteDirectory): Promise<MeasureSet> {
    const dir = directory ?? (await this.sites());
    const table = await this.participants.countTable(defs, categorisation, scope);
    // Sites with participants but no registration event yet still count, under their code's country.
    const refs = [...dir.refs];
    const known = new Set(refs.map((s) => s.code));
    for (const bySite of Object.values(table.totals)) {
      for (const code of bySite.keys()) {
        if (!known.has(code)) {
          known.add(code);
          refs.push({ code, country: code.slice(0, 2), programme: 'unknown' });
        }
      }
    }
    refs.sort((a, b) => a.code.localeCompare(b.code));
    const categories = categorisation ? await this.categoriesOf(categorisation, scope, dir) : [];
    const measures: Record<string, PublishedMeasure> = {};
    for (const name of Object.keys(defs)) {
      const totals = table.totals[name] ?? new Map<string, number>();
      const cells = table.cells[name] ?? new Map<string, Map<string, number>>();
      const counts = refs.map((s) => categories.map((c) => cells.get(s.code)?.get(c) ?? 0));
      const siteTotals = refs.map((s) => totals.get(s.code) ?? 0);
      measures[name] = this.publisher.publish(principal, {
        // The plan depends on the numbers only, so equal numbers may reuse it; new data never does.
        key: createHash('sha256').update(JSON.stringify([refs, siteTotals])).digest('base64url'),
        sites: refs,
        categories,
        exhaustive: categorisation ? isExhaustive(categorisation) : true,
        counts,
        totals: siteTotals,
        // The share of women is a target of every site: its cells are hidden only as a last resort.
        ...(categorisation?.by === 'sex' ? { keepCategories: ['female'] } : {}),
      });
    }
    return { categories, measures };
  }
}

/** A rate of two published counts: suppressed with either (kpis.md), otherwise with its Wilson interval. */
export function rateOf(numerator: Cell, denominator: Cell): RateWithInterval {
  return rateWithInterval(numerator, denominator);
}

export type { Level, PublishedMeasure, SiteRef };
