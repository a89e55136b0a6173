// Shared by the data-export workflow (deterministic sandbox), its activities and the service.

/** The parts of a subject access export: one per service that holds something of the person, and their pathway. */
export const EXPORT_PARTS = ['beneficiaries', 'pathway', 'trainings', 'stakeholders'] as const;
export type ExportPart = (typeof EXPORT_PARTS)[number];

/** The workflow knows the export by its own id only: nothing of the person enters its history. */
export interface DataExportInput {
  exportId: string;
}

export const dataExportWorkflowId = (exportId: string): string => `data-export-${exportId}`;
