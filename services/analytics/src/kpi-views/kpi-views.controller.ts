import { Controller, Get } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, ValidQuery, type Principal } from '@meic/service-kit';
import { BreakdownQuery, BreakdownResponse } from '../breakdown/breakdown.schemas';
import { BreakdownService } from '../breakdown/breakdown.service';
import { ClustersQuery, ClustersResponse } from '../clusters/clusters.schemas';
import { ClustersService } from '../clusters/clusters.service';
import { CohortsQuery, CohortsResponse } from '../cohorts/cohorts.schemas';
import { CohortsService } from '../cohorts/cohorts.service';
import { FunnelQuery, FunnelResponse } from '../funnel/funnel.schemas';
import { FunnelService } from '../funnel/funnel.service';
import { TimeToPlacementQuery, TimeToPlacementResponse } from '../time-to-placement/time-to-placement.schemas';
import { TimeToPlacementService } from '../time-to-placement/time-to-placement.service';
import { TrendsQuery, TrendsResponse } from '../trends/trends.schemas';
import { TrendsService } from '../trends/trends.service';
import { PROTECTION_NOTE } from './kpi-views.schemas';

/** The evaluators' KPI views: each answers through its own service, all under /v1/kpis. */
@Controller('v1/kpis')
export class KpiViewsController {
  constructor(
    private readonly funnelService: FunnelService,
    private readonly timeToPlacementService: TimeToPlacementService,
    private readonly trendsService: TrendsService,
    private readonly breakdownService: BreakdownService,
    private readonly cohortsService: CohortsService,
    private readonly clustersService: ClustersService,
  ) {}

  @ApiDoc({ summary: 'Pathway funnel per site, country or programme: enrolled → assessed → trained → internship → placed → employed at 6 months, with step conversion', responses: {
      200: {
        description:
          'The enrolment cohort of the period (people enrolled between from and to), each later step counted whenever it happened up to asOf. ' +
          'Steps are not strictly nested: a person can be placed without an internship or trained without an assessment, so a step may count people ' +
          'absent from the step before it. Each conversion is therefore "previous step AND this step" over the previous step, never this step over the previous one. ' +
          'employed6 counts people employed at their 6-month follow-up; a follow-up not yet due is not a failure but lowers the placed → employed6 conversion. ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: FunnelResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('funnel')
  funnel(@CurrentPrincipal() principal: Principal, @ValidQuery(FunnelQuery) query: FunnelQuery): Promise<FunnelResponse> {
    return this.funnelService.funnel(principal, query);
  }

  @ApiDoc({ summary: 'Kaplan–Meier curve of days from enrolment to first placement per site, country or programme (MEIC-10)', responses: {
      200: {
        description:
          'The enrolment cohort of the period; people not placed by asOf are censored at asOf, or at their drop-out date if earlier. ' +
          PROTECTION_NOTE +
          'Their curve is made of perturbed counts at risk and placed per 30-day bucket, steps at bucket ends, and stops before the first bucket with fewer than minAtRisk at risk (truncatedAt; suppressed: true when that is the first), because a step with few at risk reveals individual times. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: TimeToPlacementResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('time-to-placement')
  timeToPlacement(@CurrentPrincipal() principal: Principal, @ValidQuery(TimeToPlacementQuery) query: TimeToPlacementQuery): Promise<TimeToPlacementResponse> {
    return this.timeToPlacementService.timeToPlacement(principal, query);
  }

  @ApiDoc({ summary: 'Time series of a count (people enrolled, assessed, trained, starting an internship, placed, dropping out) per month, quarter or year', responses: {
      200: {
        description:
          'People whose first such step occurred in each bucket (by occurredOn; a late-recorded event moves its own past bucket). ' +
          'to defaults to asOf, from to the start of the bucket 24 months earlier; every bucket is present, empty ones as 0. ' +
          PROTECTION_NOTE +
          'A protected reader’s facts count in the month their release block closes. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (interval when the period holds more than 120 buckets); 403 when site_staff filter on a site or country outside theirs.',
        schema: TrendsResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('trends')
  trends(@CurrentPrincipal() principal: Principal, @ValidQuery(TrendsQuery) query: TrendsQuery): Promise<TrendsResponse> {
    return this.trendsService.trends(principal, query);
  }

  @ApiDoc({ summary: 'A count or the placement rate disaggregated by sex, age band, legal status, citizenship (top 10 + other) or course type, per site, country or programme', responses: {
      200: {
        description:
          'Counts of people whose step occurred in the period; placementRate is the enrolment cohort of the period placed whenever up to asOf, per category, with its 95% Wilson interval. ' +
          'Citizenships: the 10 most frequent among people enrolled in the period, then "other". Course type is not exhaustive (exhaustive: false). ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff filter on a site or country outside theirs.',
        schema: BreakdownResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('breakdown')
  breakdown(@CurrentPrincipal() principal: Principal, @ValidQuery(BreakdownQuery) query: BreakdownQuery): Promise<BreakdownResponse> {
    return this.breakdownService.breakdown(principal, query);
  }

  @ApiDoc({ summary: 'Two cohorts side by side (by site, country, programme, enrolment dates or an activity taken) on the same indicators', responses: {
      200: {
        description:
          'Each cohort: people enrolled between its enrolledFrom and enrolledTo at its site/country/programme, and, with activity, who had that step by asOf. ' +
          'Placement within 6 and 12 months counts only people observable for the whole window (enrolled at least that long before asOf), reporting the observed denominator and how many were left out. ' +
          PROTECTION_NOTE +
          'A cohort without an activity is the same people as the overview’s cell for its place and dates, so the same figure. ' +
          '400 names a malformed query field, 422 one that cannot be evaluated (e.g. from after to); 403 when site_staff ask for a site or country outside theirs.',
        schema: CohortsResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('cohorts')
  cohorts(@CurrentPrincipal() principal: Principal, @ValidQuery(CohortsQuery) query: CohortsQuery): Promise<CohortsResponse> {
    return this.cohortsService.compare(principal, query);
  }

  @ApiDoc({ summary: 'Cluster intensity against outcomes per site, country or programme: members and active members by organisation type (MEIC-14), contributions per type (MEIC-15), active members per 100 participants and the placement rate', responses: {
      200: {
        description:
          'Members are organisations that were cluster members at some time in the period; active ones hosted an internship, provided a course or hired in it. ' +
          'Contributions are internships, placements and courses in the period by the type of the member behind them. enrolled is the enrolment cohort of the period and ' +
          'placementRatePct those of it placed up to asOf (the overview’s definition), with its 95% Wilson interval. Counts of organisations are published as counted; contributions count people’s activities: ' +
          PROTECTION_NOTE +
          '400 names a malformed query field, 422 one that cannot be evaluated (from after to); ' +
          '403 when site_staff filter on a site or country outside theirs.',
        schema: ClustersResponse,
      },
      400: { description: 'A query parameter is malformed or unknown; problem+json whose errors name the field' },
      422: { description: 'A query parameter cannot be evaluated (e.g. from after to); problem+json whose errors name the field' },
    } })
  @Get('clusters')
  clusters(@CurrentPrincipal() principal: Principal, @ValidQuery(ClustersQuery) query: ClustersQuery): Promise<ClustersResponse> {
    return this.clustersService.clusters(principal, query);
  }
}
