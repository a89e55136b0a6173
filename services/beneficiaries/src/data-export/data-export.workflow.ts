import { proxyActivities } from '@temporalio/workflow';
import type { createDataExportActivities } from './data-export.activities';
import type { DataExportInput } from './data-export.types';

const { exportParts, collectExportPart, completeExport } = proxyActivities<ReturnType<typeof createDataExportActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One subject access export, `data-export-<exportId>`: every part gathered from where it is held,
 * each retried until it is, then the export is complete. The history holds the export's id only.
 */
export async function dataExportWorkflow({ exportId }: DataExportInput): Promise<void> {
  const parts = await exportParts();
  for (const part of parts) await collectExportPart(exportId, part);
  await completeExport(exportId);
}
