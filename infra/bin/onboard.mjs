#!/usr/bin/env node
// @ts-check
/**
 * `npm run site:add -- <file.yaml> [--dry-run]`, `npm run import -- <file> --site <code> --type <type> [--dry-run]`,
 * `npm run demo -- [--seed N] [--dry-run]`, `npm run retention:report`, `npm run erasures:reapply`: the service-team tools of @meic/onboarding, writing
 * through the public APIs of a running stack (`npm start`, or MEIC_*_URL + MEIC_TOKEN).
 */
import { ensureBuilt, ensureInstalled } from '../lib/bootstrap.mjs';
import { callerToken, onboardingPackage, serviceUrls } from '../lib/onboarding.mjs';
import { REPO_ROOT, stateRoot } from '../lib/settings.mjs';

const [command = '', ...args] = process.argv.slice(2);
const quiet = process.env.MEIC_SKIP_BUILD === '1';
if (!quiet) {
  await ensureInstalled(REPO_ROOT);
  await ensureBuilt(REPO_ROOT);
}
const { ApiClient, runCli } = onboardingPackage();
const client = new ApiClient({ urls: serviceUrls(), token: await callerToken(stateRoot()) });
const code = await runCli(command, args, {
  client,
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: Boolean(process.stderr.isTTY),
  // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD || process.cwd(),
});
process.exitCode = code;
