import { Type, type Static } from '@sinclair/typebox';
import { ERASURE_STORES } from './erasure.types';

export const ErasureStatus = Type.Object({
  /** The erasure's own id (`erasure-<id>` in Temporal, the audit log's record of it). */
  id: Type.String({ format: 'uuid' }),
  /** pending: requested, no store done yet; in_progress: some stores done; completed: every store. */
  status: Type.Union([Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('completed')]),
  requestedAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Optional(Type.String({ format: 'date-time' })),
  steps: Type.Array(
    Type.Object({
      store: Type.Union(ERASURE_STORES.map((s) => Type.Literal(s))),
      status: Type.Union([Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('done')]),
      at: Type.Optional(Type.String({ format: 'date-time' })),
    }),
  ),
});
export type ErasureStatus = Static<typeof ErasureStatus>;

/** What re-applying the erasures did after a restore. */
export const ReapplyReport = Type.Object({
  erasedInLog: Type.Integer({ description: 'Erased people in the Kafka log (their pseudonyms: the tombstone list that outlives a restore)' }),
  erasedAgain: Type.Integer({ description: 'People a restore had brought back, erased again' }),
  rerun: Type.Integer({ description: 'Erasures that had completed, run again through every store' }),
});
export type ReapplyReport = Static<typeof ReapplyReport>;
