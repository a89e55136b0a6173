import { WorkflowNotFoundError } from '@temporalio/client';
import type { LazyTemporalClient } from '../pathway/temporal-client';
import { pathwayStateQuery, pathwayWorkflowId } from '../pathway/pathway.types';
import { toPathwayView } from '../pathway/pathway-view.service';
import type { ErasurePeer } from '../erasure/erasure.steps';
import type { DataExportPorts } from './data-export.activities';
import type { DataExportRepository } from './data-export.repository';
import { EXPORT_PARTS, type ExportPart } from './data-export.types';

/**
 * The export activities' ports in the worker: this database, the pathway's workflow (its query),
 * and the other services (GET /v1/people/{id}, service token). Each part is stored with the export
 * as soon as it is gathered; the workflow carries none of it.
 */
export class DataExportSteps implements DataExportPorts {
  constructor(
    private readonly exports: DataExportRepository,
    private readonly opts: { temporal: LazyTemporalClient; peers: readonly ErasurePeer[]; token: () => string },
  ) {}

  parts(): ExportPart[] {
    const peers = new Set(this.opts.peers.map((p) => p.store));
    return EXPORT_PARTS.filter((p) => (p === 'trainings' || p === 'stakeholders' ? peers.has(p) : true));
  }

  async collect(part: ExportPart, exportId: string): Promise<void> {
    const request = await this.exports.find(exportId);
    if (!request) throw new Error(`data export ${exportId} is not in this database`);
    const id = request.beneficiaryId;
    if (part === 'beneficiaries') return this.exports.storePart(exportId, part, await this.exports.beneficiaryPart(id));
    if (part === 'pathway') return this.exports.storePart(exportId, part, await this.pathwayOf(id));
    const peer = this.opts.peers.find((p) => p.store === part);
    if (!peer) throw new Error(`no ${part} service configured`);
    const res = await fetch(`${peer.url}/v1/people/${id}`, { headers: { authorization: `Bearer ${this.opts.token()}` }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`${part} answered ${res.status} to the export`);
    return this.exports.storePart(exportId, part, await res.json());
  }

  complete(exportId: string): Promise<void> {
    return this.exports.complete(exportId, new Date());
  }


  /** The pathway as its workflow answers (stages with dates, open tasks, next deadline); null without one. */
  private async pathwayOf(beneficiaryId: string) {
    const client = await this.opts.temporal.client();
    try {
      return toPathwayView(await client.workflow.getHandle(pathwayWorkflowId(beneficiaryId)).query(pathwayStateQuery));
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw e;
    }
  }
}
