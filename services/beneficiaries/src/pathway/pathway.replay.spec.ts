// Replays the recorded pathway histories (histories/*.json) through the current workflow code.
// A change to the workflow that would break running pathways (a new activity, timer or branch
// at a point the history already passed) fails here with a nondeterminism error: guard such a
// change with `patched('<id>')` (old histories then take the old branch) and keep these files.
// Recording: pathway.workflow.integration.spec.ts writes a missing histories/<name>.json; see its
// header for re-recording after a deliberate, patched-guarded change. No server needed: unit tier.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromFixture } from '../testing/pathway-history';
import { pathwayWorkflowId } from './pathway.types';

const HISTORIES = path.join(__dirname, 'histories');

function load(file: string) {
  const history = historyFromFixture(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
  // The workflow id is not in the history; the pathway's input names the beneficiary it is for.
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  const input = JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')) as { beneficiaryId: string };
  return { workflowId: pathwayWorkflowId(input.beneficiaryId), history };
}

describe('pathway workflow replay', () => {
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).sort();

  it('has the recorded pathways: full, stalled, dropped out, late records', () => {
    expect(files).toEqual(expect.arrayContaining(['dropped-out.json', 'full-pathway.json', 'late-records.json', 'stalled-pathway.json']));
  });

  it('holds pseudonymous ids, dates and kinds only (check again after re-recording)', () => {
    // Every key of every payload (inputs, signals, activity inputs, results, markers): no name,
    // birth date, contact or free text may ever reach a pathway's history.
    const allowed = new Set(['beneficiaryId', 'siteCode', 'enrolledOn', 'template', 'version', 'stages', 'deadlines', 'assessmentWithinDays', 'firstActivityWithinDays', 'stalledAfterDays', 'internshipEndGraceDays', 'followUpMonths', 'eventId', 'type', 'occurredOn', 'kind', 'on', 'plannedEndOn', 'months', 'placedOn', 'from', 'to', 'taskId', 'dueOn', 'raisedOn', 'stage', 'history', 'openTasks', 'nextDueOn', 'nextDueKind', 'templateVersion', 'id', 'deprecated', 'catchUpGraceSeconds']);
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          collect(v);
        }
      }
    };
    const payloads = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(payloads);
      else if (value !== null && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o['data'] === 'string' && o['metadata']) {
          const text = Buffer.from(o['data'], 'base64').toString('utf8');
          if (text !== '') collect(JSON.parse(text));
        } else Object.values(o).forEach(payloads);
      }
    };
    for (const file of files) payloads(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
    expect([...keys].filter((k) => !allowed.has(k))).toEqual([]);
    expect(keys.has('beneficiaryId')).toBe(true);
  });

  it('replays every recorded history through the current workflow code', async () => {
    const results: { workflowId: string; error?: unknown }[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('./pathway.workflow') }, files.map(load))) results.push(result);
    expect(results.map((r) => [r.workflowId, r.error === undefined ? 'ok' : String(r.error)])).toEqual(files.map(load).map((h) => [h.workflowId, 'ok']));
  }, 60_000);
});
