import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Newest file of `dir` that goes into a service's dist/ (specs and test support are not built). */
function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = e.name === 'testing' ? t : Math.max(t, newestSource(p));
    else if (!e.name.endsWith('.spec.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Tests that run a service as a real process (to SIGKILL it) need its dist/ to match src/: builds
 * the workspace and its dependencies with turbo when `entry` is missing or older than a source file.
 */
export function ensureServiceBuilt(service: 'analytics' | 'beneficiaries' | 'stakeholders' | 'trainings', entry: string): string {
  const root = join(REPO_ROOT, 'services', service);
  const main = join(root, 'dist', entry);
  if (existsSync(main) && statSync(main).mtimeMs >= newestSource(join(root, 'src'))) return main;
  const r = spawnSync('npx', ['turbo', 'run', 'build', `--filter=@meic/${service}...`], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building @meic/${service} failed`);
  return main;
}

/** A TCP port free right now on 127.0.0.1 (for a process the test starts itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
