#!/usr/bin/env node
// @ts-check
/**
 * `npm run token -- --role <role> [--sites IT-RM,CY-NIC] [--sub id] [--ttl 12h]`
 * prints a development JWT signed with the key in .local/dev-keys (created if missing).
 * Only the token goes to stdout: TOKEN=$(npm run -s token -- --role admin)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInstalled } from '../lib/bootstrap.mjs';
import { JWT, REPO_ROOT, stateRoot, toolPaths } from '../lib/settings.mjs';
import { TokenRequestError, ensureKeyPair, signToken, validateTokenRequest } from '../lib/tokens.mjs';

const USAGE = `usage: npm run token -- --role <role> [--sites IT-RM,CY-NIC] [--sub <id>] [--ttl 12h]
  roles: ${JWT.roles.join(', ')} (site_staff needs --sites), ${JWT.serviceRole} (a service's own token: needs --sub, e.g. svc-trainings)`;

/**
 * @param {string} message
 * @returns {never}
 */
function usageError(message) {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        sites: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
}

const options = parseOptions();

if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!options.role) usageError('--role is required');

const request = {
  role: /** @type {string} */ (options.role),
  sites: (options.sites ?? '')
    .split(',')
    .map((site) => site.trim())
    .filter(Boolean),
  sub: options.sub,
  ttl: options.ttl,
};

try {
  validateTokenRequest(request);
} catch (error) {
  if (error instanceof TokenRequestError) usageError(error.message);
  throw error;
}
// jose comes from node_modules: a fresh clone installs first (its output goes to stderr).
if (!existsSync(path.join(REPO_ROOT, 'node_modules', 'jose'))) await ensureInstalled(REPO_ROOT);
const { privateKeyFile } = ensureKeyPair(toolPaths(stateRoot()).devKeys);
process.stdout.write(`${await signToken(request, privateKeyFile)}\n`);
