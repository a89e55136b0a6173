import { Injectable } from '@nestjs/common';
import { AGE_BANDS, CONTRACT_TYPES, COURSE_TYPES, LEGAL_STATUSES, SEXES } from '@meic/contracts';
import type { Principal } from '@meic/service-kit';
import { DisclosureService, type PublishedMeasure, type Reading } from '../disclosure/disclosure.service';
import type { Tally } from '../disclosure/perturbation-table';
import type { Cell } from './cell';
import { intervalBuckets, OTHER, type Categorisation, type Condition, type Scope, type Step } from './measures';
import { ParticipantsRepository, type SiteRow, type TimeToEvent } from './participants.repository';
import type { Level, SiteRef } from './site-units';
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

const NOBODY: Tally = { n: 0, key: 0 };

/**
 * Counts measures (conditions from `measures.ts`) per site and category, the way a reader's
 * `Reading` says, and has the disclosure layer publish them. Every KPI endpoint reads its numbers
 * through here, so each one counts people the same way and publishes the same figure for the same
 * people.
 */
@Injectable()
export class KpiEngine {
  constructor(
    readonly participants: ParticipantsRepository,
    readonly disclosure: DisclosureService,
  ) {}

  /** How this request counts and publishes for the principal (docs/adr/0012). */
  reading(principal: Principal, scope: Scope, now = new Date()): Promise<Reading> {
    return this.disclosure.reading(principal, scope, now);
  }

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

  /** The most frequent citizenships of the people enrolled in the period, as the reader counts them (the same for every group). */
  async topCitizenships(reading: Reading): Promise<string[]> {
    return (await this.participants.citizenshipRanking(reading.scope, reading.counting)).slice(0, TOP_CITIZENSHIPS);
  }

  /** Days to `step` (or censoring) for everyone of a cohort, as the reader counts them. */
  times(reading: Reading, cohort: Condition, step: Step): Promise<TimeToEvent[]> {
    return this.participants.timesToEvent(cohort, step, reading.scope, reading.counting);
  }

  async measures(reading: Reading, defs: Record<string, Condition>, categorisation: Categorisation | null, directory?: SiteDirectory): Promise<MeasureSet> {
    const dir = directory ?? (await this.sites());
    const scope = reading.scope;
    const table = await this.participants.countTable(defs, categorisation, scope, reading.counting);
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
      const totals = table.totals[name] ?? new Map<string, Tally>();
      const cells = table.cells[name] ?? new Map<string, Map<string, Tally>>();
      measures[name] = reading.measure({
        sites: refs,
        categories,
        totals: refs.map((s) => totals.get(s.code) ?? NOBODY),
        cells: refs.map((s) => categories.map((c) => cells.get(s.code)?.get(c) ?? NOBODY)),
      });
    }
    return { categories, measures };
  }
}

/** A rate of two published counts with its Wilson interval (kpis.md: rates come from protected counts). */
export function rateOf(numerator: Cell, denominator: Cell): RateWithInterval {
  return rateWithInterval(numerator, denominator);
}

export type { Level, PublishedMeasure, SiteRef };
