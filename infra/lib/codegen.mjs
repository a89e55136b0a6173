// @ts-check
/**
 * The generated REST contract: services/<svc>/openapi.json, from the service's controllers and
 * TypeBox schemas. `npm run generate` writes it; the test command checks it (a stale one fails
 * the run). The typed clients (packages/api-clients) are generated from it when they are built.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const API_SERVICES = /** @type {const} */ (['analytics', 'beneficiaries', 'stakeholders', 'trainings']);

/**
 * @param {string} root repository root
 * @returns {Promise<{ file: string, content: string }[]>} every artefact as it should be
 */
export async function generatedArtefacts(root) {
  const require = createRequire(path.join(root, 'package.json'));
  // Nest's decorators need the metadata polyfill before any service module loads.
  require('reflect-metadata');
  /** @type {{ file: string, content: string }[]} */
  const out = [];
  for (const svc of API_SERVICES) {
    const entry = path.join(root, 'services', svc, 'dist', 'openapi.js');
    /** @type {{ describeApi: () => Record<string, unknown> }} */
    const mod = require(entry);
    const doc = mod.describeApi();
    out.push({ file: path.join(root, 'services', svc, 'openapi.json'), content: `${JSON.stringify(doc, null, 2)}\n` });
  }
  return out;
}

/**
 * @param {string} root
 * @param {{ check: boolean }} options check: report stale artefacts instead of writing
 * @returns {Promise<string[]>} the artefacts that were (or would be) rewritten
 */
export async function generate(root, { check }) {
  const changed = [];
  for (const { file, content } of await generatedArtefacts(root)) {
    const current = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (current === content) continue;
    changed.push(path.relative(root, file));
    if (!check) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
    }
  }
  return changed;
}
