// @ts-check
/**
 * Loads the repository's TypeScript sources from a benchmark (.mjs) with @swc/core, the way Jest
 * compiles them, and with the module names jest.config.js maps: the figures are those of the code
 * in the working tree, not of a build.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './bench.mjs';

const require = createRequire(import.meta.url);
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const swc = require('@swc/core');
  const options = {
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, keepClassNames: true },
    module: { type: 'commonjs' },
  };
  /** @type {any} */ (Module)._extensions['.ts'] = (/** @type {any} */ module, /** @type {string} */ filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
    module._compile(code, filename);
  };
  const resolve = /** @type {any} */ (Module)._resolveFilename;
  /** @type {any} */ (Module)._resolveFilename = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
    const m = /^@meic\/(contracts|config|testing|service-kit|onboarding)$/.exec(request);
    if (m) return path.join(REPO_ROOT, m[1] === 'onboarding' ? 'tools' : 'packages', /** @type {string} */ (m[1]), 'src/index.ts');
    try {
      return resolve.call(this, request, ...rest);
    } catch (e) {
      if (request.startsWith('.')) return resolve.call(this, `${request}.ts`, ...rest);
      throw e;
    }
  };
}

/**
 * The exports of a TypeScript module of the repository.
 * @param {string} relativePath e.g. tools/onboarding/src/demo/demo-events.ts
 * @returns {any}
 */
export function requireSource(relativePath) {
  install();
  return require(path.join(REPO_ROOT, relativePath));
}
