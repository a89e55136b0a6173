import { Type, type Static } from '@sinclair/typebox';

/**
 * A subject access export: everything the platform holds about the person, part by part as each
 * service holds it (records as stored, events published about them, who accessed their data).
 * A part is null when that service holds nothing of them.
 */
export const DataExport = Type.Object({
  exportId: Type.String({ format: 'uuid' }),
  beneficiaryId: Type.String({ format: 'uuid' }),
  status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]),
  requestedAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Optional(Type.String({ format: 'date-time' })),
  parts: Type.Record(Type.String(), Type.Unknown(), { description: 'beneficiaries (personal data, records, consent, tasks, events published, accesses), pathway, trainings, stakeholders' }),
});
export type DataExport = Static<typeof DataExport>;
