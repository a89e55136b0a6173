// Every workflow the worker runs, bundled together from this file.
export { pathwayWorkflow } from './pathway/pathway.workflow';
export { erasureWorkflow } from './erasure/erasure.workflow';
export { dataExportWorkflow } from './data-export/data-export.workflow';
export { retentionSweepWorkflow } from './retention/retention.workflow';
