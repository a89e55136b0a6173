// Writes the JSON Schemas and the AsyncAPI document from the built contracts package.
// Run by `npm run build -w @meic/contracts`; a unit test fails when the committed files differ.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const contracts = require('../dist');

const root = path.join(__dirname, '..');
const schemaDir = path.join(root, 'schemas');
fs.rmSync(schemaDir, { recursive: true, force: true });
fs.mkdirSync(schemaDir, { recursive: true });
for (const type of contracts.EVENT_TYPES) {
  fs.writeFileSync(path.join(schemaDir, `${type}.json`), contracts.renderEventSchema(type));
}
fs.writeFileSync(path.join(root, 'asyncapi.yaml'), YAML.stringify(contracts.buildAsyncApiDocument()));
console.log(`contracts: wrote ${contracts.EVENT_TYPES.length} JSON Schemas and asyncapi.yaml`);
