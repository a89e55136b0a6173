import { Injectable } from '@nestjs/common';
import { problems, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { PathwayView } from './pathway.schemas';
import { PathwayService } from './pathway.service';
import type { PathwayState } from './pathway.types';

/**
 * The query's answer as the API shows it. Pathways started by the first workflow version answer
 * without tasks, deadlines or template: those read as none (empty, null).
 */
export function toPathwayView(s: PathwayState): PathwayView {
  const partial = s as Partial<PathwayState>;
  return {
    beneficiaryId: s.beneficiaryId,
    siteCode: s.siteCode,
    stage: s.stage,
    history: s.history.map((h) => ({ stage: h.stage, on: h.on })),
    openTasks: (partial.openTasks ?? []).map((t) => ({ taskId: t.taskId, kind: t.kind, dueOn: t.dueOn, raisedOn: t.raisedOn })),
    nextDueOn: partial.nextDueOn ?? null,
    nextDueKind: partial.nextDueKind ?? null,
    templateVersion: partial.templateVersion ?? null,
  };
}

@Injectable()
export class PathwayViewService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly pathways: PathwayService,
  ) {}

  /** 404 for an unknown or erased person and for a person without a pathway; 403 for another site's person. */
  async get(principal: Principal, beneficiaryId: string): Promise<PathwayView> {
    await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const state = await this.pathways.findState(beneficiaryId);
    if (!state) throw problems.notFound(`Beneficiary ${beneficiaryId} has no pathway (yet).`);
    return toPathwayView(state);
  }
}
