// @ts-check
// Types of every service's REST API from its OpenAPI document (services/<svc>/openapi.json,
// itself generated from the service's controllers by `npm run generate`).
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const outDir = path.resolve(here, '../src/generated');
await fs.mkdir(outDir, { recursive: true });
for (const svc of ['analytics', 'beneficiaries', 'stakeholders', 'trainings']) {
  const doc = JSON.parse(await fs.readFile(path.join(root, 'services', svc, 'openapi.json'), 'utf8'));
  const ast = await openapiTS(doc, { alphabetize: false });
  const header = `// Generated from services/${svc}/openapi.json by packages/api-clients/scripts/generate.mjs: do not edit.\n`;
  await fs.writeFile(path.join(outDir, `${svc}.ts`), header + astToString(ast));
}
