import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, Audited, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Principal } from '@meic/service-kit';
import { CreateMatchBody, EndMatchBody, MatchList, MatchListQuery, MatchView } from './mentoring-matches.schemas';
import { MentoringMatchesService } from './mentoring-matches.service';

// Person-level (pseudonymous) records: not for consortium leads, who see aggregates only, nor for
// evaluators, who get record-level data only as analytics' k-anonymous extracts (docs/adr/0012).
const READERS = ['admin', 'site_staff'] as const;

/**
 * Matches name a beneficiary (by pseudonymous id, which is still personal data under the
 * GDPR), so reads are audited like writes.
 */
@Controller('v1/mentoring-matches')
@Audited({ resource: 'mentoring-match', personalData: true })
export class MentoringMatchesController {
  constructor(private readonly matches: MentoringMatchesService) {}

  @ApiDoc({ summary: "Match a mentor with a beneficiary of the mentor's site, on areas the mentor covers. Publishes meic.mentoring.started.", responses: {
      201: { description: 'Created', schema: MatchView },
      409: { description: 'The mentor and the beneficiary already have an open match' },
      422: { description: 'Unknown mentor; beneficiary unknown, erased or of another site; areas the mentor does not cover' },
    } })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'site_staff')
  create(@CurrentPrincipal() principal: Principal, @ValidBody(CreateMatchBody) body: CreateMatchBody): Promise<MatchView> {
    return this.matches.start(principal, body);
  }

  @ApiDoc({ summary: 'End a mentoring match. Publishes meic.mentoring.ended.', responses: { 200: { description: 'The match with its end date', schema: MatchView }, 404: { description: 'Unknown match' }, 409: { description: 'Already ended' } } })
  @Post(':id/end')
  @HttpCode(200)
  @Roles('admin', 'site_staff')
  end(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @ValidBody(EndMatchBody) body: EndMatchBody): Promise<MatchView> {
    return this.matches.end(principal, id, body);
  }

  @ApiDoc({ summary: 'List mentoring matches in creation order (person-level; site_staff: of their sites). Audited.', responses: { 200: { description: 'One page of matches', schema: MatchList } } })
  @Get()
  @Roles(...READERS)
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(MatchListQuery) query: MatchListQuery) {
    return this.matches.list(principal, query);
  }

  @ApiDoc({ summary: 'One mentoring match. Audited.', responses: { 200: { description: 'Match', schema: MatchView }, 400: { description: 'The id is not a UUID' }, 404: { description: 'Unknown match' } } })
  @Get(':id')
  @Roles(...READERS)
  get(@CurrentPrincipal() principal: Principal, @UuidParam() id: string): Promise<MatchView> {
    return this.matches.get(principal, id);
  }
}
