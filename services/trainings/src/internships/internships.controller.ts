import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiDoc, CurrentPrincipal, Roles, UuidParam, ValidBody, ValidQuery, type Page, type Principal } from '@meic/service-kit';
import { CreateInternshipBody, EndInternshipBody, InternshipListQuery, InternshipPage, InternshipView } from './internships.schemas';
import { InternshipsService } from './internships.service';

@Controller('v1/internships')
@Roles('admin', 'site_staff')
export class InternshipsController {
  constructor(private readonly internships: InternshipsService) {}

  @ApiDoc({ summary: 'Start an internship of a beneficiary at a host organisation of the site’s cluster', responses: {
      201: { description: 'Started; meic.internship.started.v2 is published', schema: InternshipView },
      422: { description: 'Unknown site; beneficiary unknown, erased or of another site; host unknown, of another site or not in the cluster' },
    } })
  @Post()
  @HttpCode(201)
  start(@CurrentPrincipal() principal: Principal, @ValidBody(CreateInternshipBody) body: CreateInternshipBody): Promise<InternshipView> {
    return this.internships.start(principal, body);
  }

  // 200, not 201: ending changes the internship, it creates no new resource.
  @ApiDoc({ summary: 'End an internship: completed, interrupted or hired', responses: {
      200: { description: 'Ended; meic.internship.ended.v2 is published', schema: InternshipView },
      404: { description: 'Unknown internship' },
      409: { description: 'Already ended' },
      422: { description: 'Beneficiary erased' },
    } })
  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @ValidBody(EndInternshipBody) body: EndInternshipBody): Promise<InternshipView> {
    return this.internships.end(principal, id, body);
  }

  @ApiDoc({ summary: 'List internships, oldest first (person-level: not for consortium_lead; site_staff: their own sites)', responses: { 200: { description: 'A page of internships', schema: InternshipPage } } })
  @Get()
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(InternshipListQuery) query: InternshipListQuery): Promise<Page<InternshipView>> {
    return this.internships.list(principal, query);
  }

  @ApiDoc({ summary: 'One internship', responses: { 200: { description: 'Internship', schema: InternshipView }, 404: { description: 'Unknown internship' } } })
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<InternshipView> {
    return this.internships.get(principal, id);
  }
}

// Person-level records: evaluators read record-level data only as analytics' k-anonymous extracts (docs/adr/0012).
