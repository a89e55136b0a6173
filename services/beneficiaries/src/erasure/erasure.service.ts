import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { outboxRow, problems, utcDate, type Principal } from '@meic/service-kit';
import { assertPersonalDataAccess } from '../beneficiaries/beneficiaries.access';
import type { Logger } from 'pino';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { erasedEvent } from '../events/beneficiary-events';
import type { Beneficiary, Erasure } from '../generated/prisma/client';
import { ErasureLogRepository } from './erasure-log.repository';
import { ErasureRepository } from './erasure.repository';
import type { ErasureStatus, ReapplyReport } from './erasure.schemas';
import { ERASURE_STORES, type ErasureStore } from './erasure.types';
import { ErasureWorkflows } from './erasure.workflows';

export const ERASURE_LOGGER = Symbol('ERASURE_LOGGER');
export type ErasureReason = 'request' | 'consent_withdrawn' | 'retention' | 'restore';

/**
 * Begins a person's erasure, whichever way it comes in (a request, a withdrawal of consent,
 * retention, a restore): tombstone, personal data gone and the erasure event, in one transaction.
 * The erasure's id, or null when the person was erased already.
 */
export async function beginErasure(erasures: ErasureRepository, person: Pick<Beneficiary, 'id' | 'pseudonym' | 'siteCode' | 'country'>, reason: ErasureReason, requestedBy: string, now: Date): Promise<string | null> {
  const id = randomUUID();
  const begun = await erasures.begin({ id, beneficiaryId: person.id, siteCode: person.siteCode, reason, requestedBy }, now, outboxRow(erasedEvent(person, utcDate(now))));
  return begun ? id : null;
}

export function erasureStatusOf(e: Erasure): ErasureStatus {
  const steps = (e.steps ?? {}) as Partial<Record<ErasureStore, { status: 'in_progress' | 'done'; at: string }>>;
  const done = Object.values(steps).some((s) => s?.status);
  return {
    id: e.id,
    status: e.completedAt ? 'completed' : done ? 'in_progress' : 'pending',
    requestedAt: e.requestedAt.toISOString(),
    ...(e.completedAt ? { completedAt: e.completedAt.toISOString() } : {}),
    steps: ERASURE_STORES.filter((store) => steps[store] || !e.completedAt).map((store) => ({
      store,
      status: steps[store]?.status ?? 'pending',
      ...(steps[store]?.at ? { at: steps[store]?.at } : {}),
    })),
  };
}

/**
 * Erasure (GDPR art. 17): the personal data goes at once, with the tombstone and
 * meic.beneficiary.erased in one transaction; then `erasure-<id>` drives every store to the end
 * (ADR 0015). The workflow is started here, and again by the events consumer from the event, so a
 * Temporal outage at the moment of the request only delays it.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly erasures: ErasureRepository,
    private readonly workflows: ErasureWorkflows,
    private readonly log: ErasureLogRepository,
    @Inject(ERASURE_LOGGER) private readonly logger: Logger,
  ) {}

  async request(principal: Principal, id: string, reason: ErasureReason, now = new Date()): Promise<ErasureStatus> {
    const person = await this.beneficiaries.findForPersonalData(principal, id);
    const erasureId = await beginErasure(this.erasures, person, reason, principal.sub, now);
    // Erased by a concurrent request between the read and the write.
    if (!erasureId) throw problems.notFound(`Beneficiary ${id} does not exist.`);
    await this.ensureRunning(erasureId);
    const created = await this.erasures.find(erasureId);
    if (!created) throw new Error(`erasure ${erasureId} vanished after it was written`);
    return erasureStatusOf(created);
  }

  /** GET /v1/beneficiaries/{id}/erasure: site_staff of the person's site and admin, as the personal data was. */
  async status(principal: Principal, id: string): Promise<ErasureStatus> {
    const erasure = await this.erasures.findByBeneficiary(id);
    if (!erasure) throw problems.notFound(`Beneficiary ${id} has no erasure.`);
    assertPersonalDataAccess(principal, erasure.siteCode);
    return erasureStatusOf(erasure);
  }

  /** The erasure of a person whose erasure event came in: its workflow runs (started again if it was not). */
  async ensureStartedFor(beneficiaryId: string): Promise<boolean> {
    const erasure = await this.erasures.findByBeneficiary(beneficiaryId);
    if (!erasure || erasure.completedAt) return false;
    await this.workflows.start(erasure.id);
    return true;
  }

  /** Every unfinished erasure's workflow runs: at boot, and after a restore (`npm run erasures:reapply`). */
  async resumeUnfinished(): Promise<number> {
    const open = await this.erasures.unfinished();
    for (const e of open) await this.workflows.start(e.id);
    return open.length;
  }

  /**
   * After a restore from a backup (of this database, another service's, or Temporal's): people the
   * backup brought back are found by the pseudonyms of the erasure events Kafka keeps and erased
   * again, and every erasure runs again through every store (the steps work by id and are
   * idempotent), so whatever a restored store held of an erased person goes again.
   */
  async reapply(principal: Principal, now = new Date()): Promise<ReapplyReport> {
    const logged = await this.log.erasedPseudonyms();
    const restored = await this.erasures.heldWithPseudonyms([...logged]);
    let erasedAgain = 0;
    for (const person of restored) {
      if (await beginErasure(this.erasures, person, 'restore', principal.sub, now)) erasedAgain++;
    }
    const rerun = await this.erasures.reopenCompleted();
    const started = await this.resumeUnfinished();
    this.logger.info({ erasedInLog: logged.size, erasedAgain, rerun, started }, 'erasures re-applied');
    return { erasedInLog: logged.size, erasedAgain, rerun };
  }

  private async ensureRunning(erasureId: string): Promise<void> {
    try {
      await this.workflows.start(erasureId);
    } catch (e) {
      // The erasure committed; the events consumer starts the workflow from the event once Temporal answers.
      this.logger.warn({ err: String(e), erasureId }, 'erasure workflow not started yet; the events consumer will start it');
    }
  }
}
