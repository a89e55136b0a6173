import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import type { Cell } from '../kpis/cell';
import type { Scope } from '../kpis/measures';
import { inUnit, type Level, type SiteRef } from '../kpis/site-units';
import { DISCLOSURE_OPTIONS } from './disclosure.tokens';
import { PerturbationTable, addTallies, type Tally } from './perturbation-table';
import { exactCurve, protectedCurve, type CurveSubject, type PublishedCurve } from './published-curve';
import type { RecordKeySecret } from './record-key';
import { releaseAsOf, releaseBlocks, type ReleaseBlocks } from './release-blocks';
import { ReleaseRepository } from './release.repository';

/** The disclosure layer's parameters (configuration, README "Privacy"). */
export interface DisclosureOptions {
  /** Published counts are 0 or at least this (MEIC_MIN_CELL). */
  minCell: number;
  /** D: largest perturbation of a count (MEIC_CKM_MAX_PERTURBATION). */
  maxPerturbation: number;
  /** V: variance of the perturbation (MEIC_CKM_VARIANCE). */
  variance: number;
  /** B: facts per release block (MEIC_RELEASE_BLOCK). */
  releaseBlock: number;
  /** Curves stop where fewer people are at risk (MEIC_KM_MIN_AT_RISK). */
  minAtRisk: number;
  /** Curves step only at multiples of this many days. */
  bucketDays: number;
  recordKey: RecordKeySecret;
}

/** How one request counts people: exactly (site_staff), or as a protected reader sees them. */
export interface Counting {
  /** null: facts count at their recorded dates; otherwise at their release dates. */
  release: ReleaseBlocks | null;
  /** null: no record keys needed (exact counts). */
  recordKey: RecordKeySecret | null;
}

/** One measure counted per site (and per site × category): what KPI code hands the layer. */
export interface SiteTallies {
  sites: readonly SiteRef[];
  categories: readonly string[];
  /** Per site, over all categories. */
  totals: readonly Tally[];
  /** Per site, per category. */
  cells: readonly (readonly Tally[])[];
}

/** What one reader may see of a measure: a cell for every unit of the hierarchy. */
export interface PublishedMeasure {
  cell(level: Level, key: string, category?: string | null): Cell;
}

/** How the figures of a response were protected, for the reader (every KPI response carries it). */
export interface DisclosureNote {
  method: 'exact' | 'cell-key';
  /** The evaluation date the figures were counted at. */
  asOf: string;
  minCell: number;
  maxPerturbation: number | null;
  releaseBlock: number | null;
  minAtRisk: number | null;
}

/**
 * The one entry point of disclosure control (docs/adr/0012). KPI code asks it how a principal
 * reads (`reading`), counts people the way that reading says, hands it the exact counts with their
 * record-key sums, and gets back the figures to publish. For site_staff the exact counts of their
 * own sites; for every other role cell-key perturbation of counts taken at release dates, and
 * curves from perturbed counts per time bucket.
 */
@Injectable()
export class DisclosureService {
  readonly table: PerturbationTable;

  constructor(
    @Inject(DISCLOSURE_OPTIONS) readonly options: DisclosureOptions,
    private readonly release: ReleaseRepository,
  ) {
    this.table = PerturbationTable.build({ minCell: options.minCell, maxPerturbation: options.maxPerturbation, variance: options.variance });
  }

  get minCell(): number {
    return this.options.minCell;
  }

  /** Whether a principal gets protected figures: every role but site_staff (kpis.md). */
  protects(principal: Principal): boolean {
    return principal.role !== 'site_staff';
  }

  /** Sites a principal may see figures of; null = all. */
  visibleSites(principal: Principal): readonly string[] | null {
    return principal.role === 'site_staff' ? principal.sites : null;
  }

  /** Everything one request needs to count and publish for this principal. */
  async reading(principal: Principal, scope: Scope, now = new Date()): Promise<Reading> {
    if (!this.protects(principal)) {
      return new Reading(this, false, this.visibleSites(principal), scope, { release: null, recordKey: null });
    }
    const blocks = releaseBlocks(await this.release.monthCounts(), this.options.releaseBlock);
    const asOf = releaseAsOf(scope.asOf, now.toISOString().slice(0, 10));
    return new Reading(this, true, null, { ...scope, asOf }, { release: blocks, recordKey: this.options.recordKey });
  }
}

/** One request's way of counting and publishing, for one principal. */
export class Reading {
  constructor(
    private readonly layer: DisclosureService,
    /** true: figures are protected (every role but site_staff). */
    readonly isProtected: boolean,
    /** Sites whose figures the reader may see; null = all. */
    readonly visibleSites: readonly string[] | null,
    /** The period and the evaluation date figures are counted at (a protected reader's asOf is a released month end). */
    readonly scope: Scope,
    readonly counting: Counting,
  ) {}

  get minCell(): number {
    return this.layer.minCell;
  }

  /** The same reading over another period (same evaluation date, same release). */
  over(period: { from: string; to: string }): Reading {
    return new Reading(this.layer, this.isProtected, this.visibleSites, { ...this.scope, from: period.from, to: period.to }, this.counting);
  }

  /** Publishes a measure of people: a cell of any unit is the tally of its sites, perturbed for protected readers. */
  measure(t: SiteTallies): PublishedMeasure {
    return this.publishing(t, this.isProtected);
  }

  /** Publishes counts that are not of people (organisations) as counted: only the reader's sites. */
  asCounted(t: SiteTallies): PublishedMeasure {
    return this.publishing(t, false);
  }

  private publishing(t: SiteTallies, perturbed: boolean): PublishedMeasure {
    const visible = this.visibleSites === null ? null : new Set(this.visibleSites);
    const tallyOf = (level: Level, key: string, category: string | null): Tally => {
      const j = category === null ? -1 : t.categories.indexOf(category);
      let sum: Tally = { n: 0, key: 0 };
      t.sites.forEach((s, i) => {
        if ((visible && !visible.has(s.code)) || !inUnit(s, level, key)) return;
        const part = category === null ? t.totals[i] : j < 0 ? undefined : t.cells[i]?.[j];
        if (part) sum = addTallies(sum, part);
      });
      return sum;
    };
    return {
      cell: (level, key, category) => {
        const tally = tallyOf(level, key, category ?? null);
        return { value: perturbed ? this.layer.table.publish(tally.n, tally.key) : tally.n, suppressed: false };
      },
    };
  }

  /** A cohort's Kaplan–Meier curve, numbers at risk and median as this reader may see them. */
  curve(subjects: readonly CurveSubject[], riskTimes: readonly number[]): PublishedCurve {
    if (!this.isProtected) return exactCurve(subjects, riskTimes);
    const o = this.layer.options;
    return protectedCurve(subjects, riskTimes, { table: this.layer.table, bucketDays: o.bucketDays, minAtRisk: o.minAtRisk });
  }

  /**
   * The last day up to which facts of a series (a step column, e.g. `placed_on`) are counted for
   * these sites: the evaluation date, or earlier where a site's latest facts wait in an open block.
   */
  completeThrough(sites: readonly SiteRef[], series: string): string {
    const release = this.counting.release;
    if (!release) return this.scope.asOf;
    return sites.reduce((min, s) => {
      const d = release.completeThrough(s.code, series, this.scope.asOf);
      return d < min ? d : min;
    }, this.scope.asOf);
  }

  note(): DisclosureNote {
    const o = this.layer.options;
    return this.isProtected
      ? { method: 'cell-key', asOf: this.scope.asOf, minCell: o.minCell, maxPerturbation: o.maxPerturbation, releaseBlock: o.releaseBlock, minAtRisk: o.minAtRisk }
      : { method: 'exact', asOf: this.scope.asOf, minCell: o.minCell, maxPerturbation: null, releaseBlock: null, minAtRisk: null };
  }
}
