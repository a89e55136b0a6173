import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { problems, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { DataExport as DataExportRow } from '../generated/prisma/client';
import { DataExportRepository } from './data-export.repository';
import type { DataExport } from './data-export.schemas';
import { DataExportWorkflows } from './data-export.workflows';

/** How long an export is kept (it holds the person's data): long enough to hand it over. */
export const EXPORT_KEPT_DAYS = 7;
/** How long a request waits for its export before it answers 202 with where to get it. */
const WAIT_MS = 20_000;

export function toDataExport(e: DataExportRow): DataExport {
  return {
    exportId: e.id,
    beneficiaryId: e.beneficiaryId,
    status: e.completedAt ? 'completed' : 'in_progress',
    requestedAt: e.requestedAt.toISOString(),
    ...(e.completedAt ? { completedAt: e.completedAt.toISOString() } : {}),
    parts: (e.parts ?? {}) as Record<string, unknown>,
  };
}

/**
 * Subject access and portability (GDPR art. 15, 20): `data-export-<id>` gathers what every service
 * holds about the person into one document. Site staff of the person's site and admins ask for it;
 * every request is audited.
 */
@Injectable()
export class DataExportService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly exports: DataExportRepository,
    private readonly workflows: DataExportWorkflows,
  ) {}

  async request(principal: Principal, beneficiaryId: string, now = new Date()): Promise<DataExport> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const expireBefore = new Date(now.getTime() - EXPORT_KEPT_DAYS * 86_400_000);
    const created = await this.exports.create({ id: randomUUID(), beneficiaryId, siteCode: person.siteCode, requestedBy: principal.sub }, expireBefore);
    await this.workflows.start(created.id);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const current = await this.exports.find(created.id);
      if (!current) throw new Error(`data export ${created.id} vanished`);
      if (current.completedAt || Date.now() > deadline) return toDataExport(current);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async get(principal: Principal, beneficiaryId: string, exportId: string): Promise<DataExport> {
    await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const found = await this.exports.find(exportId);
    if (!found || found.beneficiaryId !== beneficiaryId) throw problems.notFound(`Data export ${exportId} of beneficiary ${beneficiaryId} does not exist (exports are kept ${EXPORT_KEPT_DAYS} days).`);
    return toDataExport(found);
  }
}
