#!/usr/bin/env node
// @ts-check
/**
 * `npm run generate`: rewrites the generated contract artefacts (OpenAPI documents, typed clients).
 * `npm run generate -- --check`: fails, naming them, when any is stale (the test command runs this).
 */
import { ensureBuilt, ensureInstalled } from '../lib/bootstrap.mjs';
import { generate } from '../lib/codegen.mjs';
import { info } from '../lib/log.mjs';
import { REPO_ROOT } from '../lib/settings.mjs';

const check = process.argv.includes('--check');
await ensureInstalled(REPO_ROOT);
// The services (and what they use) only: the clients are built from what this writes.
await ensureBuilt(REPO_ROOT, ['./services/*']);
const changed = await generate(REPO_ROOT, { check });
if (check && changed.length > 0) {
  console.error(`Stale generated files (run npm run generate and commit them):\n  ${changed.join('\n  ')}`);
  process.exit(1);
}
info(changed.length ? `generated ${changed.join(', ')}` : 'generated files are up to date');
