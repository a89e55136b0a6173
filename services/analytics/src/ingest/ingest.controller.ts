import { Controller, Get } from '@nestjs/common';
import { Roles, type RouteDoc } from '@meic/service-kit';
import { IngestStatusResponse } from './ingest-status.schemas';
import { IngestStatusService } from './ingest-status.service';

const STATUS_ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;

@Controller('v1/ingest')
@Roles(...STATUS_ROLES)
export class IngestController {
  constructor(private readonly status: IngestStatusService) {}

  @Get('status')
  get(): Promise<IngestStatusResponse> {
    return this.status.status();
  }
}

export const ingestRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/ingest/status',
    summary: 'Ingest health per topic and partition: committed offset, high watermark and lag, events stored, last event time, dead-lettered count (aggregates only)',
    roles: STATUS_ROLES,
    responses: { 200: { description: 'Ingest status', schema: IngestStatusResponse } },
  },
];
