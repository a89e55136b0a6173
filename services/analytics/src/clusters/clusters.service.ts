import { Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { cellOf, type Unit } from '../kpi-views/kpi-groups';
import type { Cell } from '../kpis/cell';
import { KpiEngine, rateOf } from '../kpis/kpi-engine.service';
import { openView } from '../kpi-views/kpi-view';
import { COHORT, ever, type Condition } from '../kpis/measures';
import { publishContributionsByType, publishMembersAllTypes, publishMembersByType, type ContributionCount, type OrganisationCount } from '../kpis/organisation-measures';
import { perHundred } from './cluster-figures';
import type { ClusterFigures, ClustersQuery, ClustersResponse } from './clusters.schemas';

/** The placement rate as the overview defines it: enrolled in the period, placed whenever up to asOf. */
const RATE_MEASURES = { enrolled: COHORT, cohortPlaced: { all: [COHORT, ever('placed')] } } satisfies Record<string, Condition>;

const MEMBER_FIELDS = ['members', 'active'] as const satisfies readonly OrganisationCount[];
const CONTRIBUTIONS = ['internships', 'placements', 'courses'] as const satisfies readonly ContributionCount[];

/**
 * Cluster intensity against outcomes (kpis.md; MEIC-14, MEIC-15). Organisation and contribution
 * counts are published per type exactly as the indicators service publishes them (kpis/
 * organisation-measures.ts): members are organisations, shown as counted; contributions count
 * people's activities and are protected. Enrolled and the placement rate are the overview's
 * (same people, hence the same published figures).
 */
@Injectable()
export class ClustersService {
  constructor(private readonly engine: KpiEngine) {}

  async clusters(principal: Principal, query: ClustersQuery, now = new Date()): Promise<ClustersResponse> {
    const view = await openView(this.engine, principal, query, now);
    const { reading, directory } = view;
    const [base, organisations, contributions] = await Promise.all([
      this.engine.measures(reading, RATE_MEASURES, null, directory),
      this.engine.participants.organisationCounts(reading.scope),
      this.engine.participants.contributionCounts(reading.scope, reading.counting),
    ]);
    const members = publishMembersByType(reading, directory, organisations, MEMBER_FIELDS);
    const overTypes = publishMembersAllTypes(reading, directory, organisations, MEMBER_FIELDS);
    const contributed = new Map(publishContributionsByType(reading, directory, contributions, CONTRIBUTIONS).map((t) => [t.type, t.measures]));
    // Member types come first; a type seen only among contributions (e.g. `unknown`) is added after.
    const types = [...members.map((m) => m.type), ...[...contributed.keys()].filter((t) => !members.some((m) => m.type === t))];
    const memberMeasures = new Map(members.map((m) => [m.type, m.measures]));
    const zero: Cell = { value: 0, suppressed: false };

    const figures = (unit: Unit): ClusterFigures => {
      const enrolled = cellOf(base.measures.enrolled, unit);
      const byType = types.map((type) => {
        const m = memberMeasures.get(type);
        const c = contributed.get(type);
        return {
          type,
          members: m ? cellOf(m.members, unit) : zero,
          active: m ? cellOf(m.active, unit) : zero,
          internships: c ? cellOf(c.internships, unit) : zero,
          placements: c ? cellOf(c.placements, unit) : zero,
          courses: c ? cellOf(c.courses, unit) : zero,
        };
      });
      const activeMembers = cellOf(overTypes.active, unit);
      return {
        enrolled,
        placementRatePct: rateOf(cellOf(base.measures.cohortPlaced, unit), enrolled),
        members: cellOf(overTypes.members, unit),
        activeMembers,
        activePer100: perHundred(activeMembers, enrolled),
        byType,
      };
    };

    return {
      ...view.head,
      types,
      ...view.perGroup(figures),
    };
  }
}
