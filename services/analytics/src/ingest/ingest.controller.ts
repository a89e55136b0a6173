import { Controller, Get } from '@nestjs/common';
import { ApiDoc, Roles } from '@meic/service-kit';
import { IngestStatusResponse } from './ingest-status.schemas';
import { IngestStatusService } from './ingest-status.service';

const STATUS_ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;

@Controller('v1/ingest')
@Roles(...STATUS_ROLES)
export class IngestController {
  constructor(private readonly status: IngestStatusService) {}

  @ApiDoc({ summary: 'Ingest health per topic and partition: committed offset, high watermark and lag, events stored, last event time, dead-lettered count (aggregates only)', responses: { 200: { description: 'Ingest status', schema: IngestStatusResponse } } })
  @Get('status')
  get(): Promise<IngestStatusResponse> {
    return this.status.status();
  }
}
