import type { ExportPart } from './data-export.types';

/** What the export activities need (`DataExportSteps` in the worker); each call is idempotent. */
export interface DataExportPorts {
  parts(): ExportPart[];
  /** Gathers one part and stores it with the export (never returned through the workflow). */
  collect(part: ExportPart, exportId: string): Promise<void>;
  complete(exportId: string): Promise<void>;
}

/** The export's activities: they take the export's id and return nothing, so the person's data never enters the workflow's history. */
export function createDataExportActivities(ports: DataExportPorts) {
  return {
    async exportParts(): Promise<ExportPart[]> {
      return ports.parts();
    },
    async collectExportPart(exportId: string, part: ExportPart): Promise<void> {
      await ports.collect(part, exportId);
    },
    async completeExport(exportId: string): Promise<void> {
      await ports.complete(exportId);
    },
  };
}
