// Shared by the erasure workflow (deterministic sandbox), its activities and the service: types
// and names only.

/**
 * The stores an erasure goes through, in this order: the pathway's Temporal history first, the
 * other services next (they look the person up by id), the beneficiaries database last, since
 * deleting the person's row forgets their pseudonym, after which the events that carry it, in
 * Kafka topics, dead-letter topics and ClickHouse, link to no one (ADR 0014, 0015).
 */
export const ERASURE_STORES = ['temporal', 'trainings', 'stakeholders', 'beneficiaries'] as const;
export type ErasureStore = (typeof ERASURE_STORES)[number];

export type ErasureStepStatus = 'in_progress' | 'done';

/** The workflow knows the erasure by its own id only: no beneficiary id or pseudonym enters its history. */
export interface ErasureInput {
  erasureId: string;
}

/** Derived from the business id (the erasure's), so a second start of the same erasure is a no-op. */
export const erasureWorkflowId = (erasureId: string): string => `erasure-${erasureId}`;
