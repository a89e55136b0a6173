// @ts-check
/**
 * Wiring of the service-team tools (@meic/onboarding) for `npm run site:add|import|demo` and for
 * `npm start`'s demo load: where the services are, and who is calling.
 */
import { createRequire } from 'node:module';
import { JWT, devPorts, toolPaths } from './settings.mjs';
import { ensureKeyPair, signToken } from './tokens.mjs';

const require = createRequire(import.meta.url);

/**
 * Service URLs: MEIC_<SERVICE>_URL when set (a deployment), else the local development ports.
 * @param {NodeJS.ProcessEnv} env
 */
export function serviceUrls(env = process.env) {
  const ports = devPorts(env);
  /** @param {'stakeholders' | 'trainings' | 'beneficiaries' | 'analytics'} name */
  const url = (name) => env[`MEIC_${name.toUpperCase()}_URL`] || `http://127.0.0.1:${ports[name]}`;
  return { stakeholders: url('stakeholders'), trainings: url('trainings'), beneficiaries: url('beneficiaries'), analytics: url('analytics') };
}

/**
 * The services `npm start` runs, on this machine.
 * @param {{ stakeholders: number, trainings: number, beneficiaries: number, analytics: number }} ports
 */
export function localServiceUrls(ports) {
  const url = (/** @type {number} */ port) => `http://127.0.0.1:${port}`;
  return { stakeholders: url(ports.stakeholders), trainings: url(ports.trainings), beneficiaries: url(ports.beneficiaries), analytics: url(ports.analytics) };
}

/**
 * The caller's token: MEIC_TOKEN when set (any deployment), else a development admin token for
 * the `service-team-tools` subject, signed with the local development key. Imports are keyed
 * per subject, so re-runs from the same place keep recognising their own writes.
 * @param {string} stateDir
 * @param {NodeJS.ProcessEnv} env
 */
export async function callerToken(stateDir, env = process.env) {
  if (env.MEIC_TOKEN) return env.MEIC_TOKEN;
  const keys = ensureKeyPair(toolPaths(stateDir).devKeys);
  return signToken({ role: 'admin', sub: 'service-team-tools', ttl: JWT.defaultTtl }, keys.privateKeyFile);
}

/** The built @meic/onboarding package (CommonJS). */
export function onboardingPackage() {
  return /** @type {typeof import('../../tools/onboarding/dist/index.js')} */ (require('@meic/onboarding'));
}
