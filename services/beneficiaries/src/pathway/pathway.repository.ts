import { Injectable } from '@nestjs/common';
import { buildEvent } from '@meic/contracts';
import { asDate, outboxRow } from '@meic/service-kit';
import { personFacts, pseudonymOf } from '../events/beneficiary-events';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { uuidV5 } from './pathway.task-id';
import type { RaiseTaskInput, StageChangeInput } from './pathway.types';

/** What a write of the pathway did: retries of an activity see 'duplicate', which is success too. */
export type PathwayWriteOutcome = 'recorded' | 'duplicate' | 'not-held';

/** Namespace of the pathway's own event ids (random, fixed forever: changing it changes every id). */
const PATHWAY_EVENT_NAMESPACE = 'b3c0f6a2-5d41-4e7a-8f0c-2a9d6e4b1c75';

/**
 * The stage-changed event's id: a name-based UUID of what the change is, so the outbox's unique
 * event_id makes a retried activity a no-op, with no read-then-write race between two attempts.
 */
export function stageChangeEventId(c: Pick<StageChangeInput, 'beneficiaryId' | 'from' | 'to' | 'on'>): string {
  return uuidV5(`stage/${c.beneficiaryId}/${c.from ?? '-'}/${c.to}/${c.on}`, PATHWAY_EVENT_NAMESPACE);
}

/**
 * The pathway's writes, called by the pathway worker's activities (never by the workflow): each
 * writes its outbox event in the same transaction as the row it concerns, and each is
 * idempotent because Temporal retries an activity whose result it did not see.
 */
@Injectable()
export class PathwayRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Publishes meic.pathway.stage-changed.v2 and sets the beneficiary's `stage` column together.
   *
   * Idempotency: the event id is a name-based UUID of (beneficiary, from, to, on); the outbox
   * insert skips a duplicate id, and the column is only written when the event was. We do not
   * use "stage already equals `to`" as the test: a pathway may legitimately come back to a stage
   * (job_search after a course, then after an internship), and each such change must publish.
   *
   * The person's coarse attributes (sex, age band, citizenship, legal status, country) come from
   * their record: the workflow holds no personal data, and these are not (they are on every
   * event of the person). An erased person (their pathway is ending) or one this database does
   * not hold gets nothing written: 'not-held', which the activity treats as done.
   */
  async recordStageChange(change: StageChangeInput): Promise<PathwayWriteOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const person = await this.lockPerson(tx, change.beneficiaryId);
      if (!person) return 'not-held';
      const event = buildEvent(
        'meic.pathway.stage-changed.v2',
        { ...personFacts(person), siteCode: change.siteCode, occurredOn: change.on, from: change.from, to: change.to },
        { id: stageChangeEventId(change) },
      );
      const inserted = await tx.outboxEvent.createMany({ data: [outboxRow(event)], skipDuplicates: true });
      if (inserted.count === 0) return 'duplicate';
      await tx.beneficiary.update({ where: { id: change.beneficiaryId }, data: { stage: change.to } });
      return 'recorded';
    });
  }

  /**
   * Inserts the task and publishes meic.pathway.task-raised.v2 in one transaction. The task id
   * is the workflow's: an existing id means an earlier attempt committed, and nothing is
   * written again ('duplicate'). An erased or unknown person gets no task ('not-held').
   */
  async raiseTask(task: RaiseTaskInput): Promise<PathwayWriteOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const person = await this.lockPerson(tx, task.beneficiaryId);
      if (!person) return 'not-held';
      const inserted = await tx.task.createMany({
        data: [{ id: task.taskId, beneficiaryId: task.beneficiaryId, siteCode: task.siteCode, kind: task.kind, dueOn: asDate(task.dueOn), raisedOn: asDate(task.raisedOn) }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return 'duplicate';
      const event = buildEvent(
        'meic.pathway.task-raised.v2',
        { siteCode: task.siteCode, country: person.country, pseudonym: pseudonymOf(person), taskId: task.taskId, kind: task.kind, dueOn: task.dueOn, occurredOn: task.raisedOn },
        { id: uuidV5(`task-raised/${task.taskId}`, PATHWAY_EVENT_NAMESPACE) },
      );
      await tx.outboxEvent.create({ data: outboxRow(event) });
      return 'recorded';
    });
  }

  /**
   * The person's coarse attributes, their record locked against a concurrent erasure (FOR SHARE,
   * as lockActiveBeneficiary): nothing about a person is written once they are erased.
   */
  private async lockPerson(tx: Prisma.TransactionClient, id: string) {
    const rows = await tx.$queryRaw<{ id: string; pseudonym: string | null; siteCode: string; country: string; sex: string; ageBand: string; citizenship: string; legalStatus: string }[]>`
      SELECT id, pseudonym::text, site_code AS "siteCode", country, sex, age_band AS "ageBand", citizenship, legal_status AS "legalStatus"
      FROM beneficiaries WHERE id = ${id}::uuid AND erased_at IS NULL FOR SHARE`;
    return rows[0];
  }

  /** People of a site whose pathway may still run: held, not erased, neither closed nor dropped out. */
  async openPathwaysAt(siteCode: string): Promise<string[]> {
    const rows = await this.prisma.beneficiary.findMany({
      where: { siteCode, erasedAt: null, stage: { notIn: ['closed', 'dropped_out'] } },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => r.id);
  }
}
