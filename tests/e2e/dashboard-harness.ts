/**
 * The whole platform for the dashboard's end-to-end tests: the domain services and analytics
 * in-process on the test stack's real Kafka, PostgreSQL and chdb, the demo programme loaded
 * through the public APIs, the dashboard built from its sources and served by its own server,
 * and Debian's Chromium driven by playwright-core. Nothing here is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pollUntil, signTestToken, type TestRole } from '@meic/testing';
import { generateDemoProgramme, type DemoProgramme } from '@meic/onboarding/demo/demo-generator';
import { loadDemoProgramme } from '@meic/onboarding/demo/demo-loader';
import { captured } from '@meic/onboarding/testing/cli-capture';
import { startStack, type StackHarness } from '@meic/onboarding/testing/stack-harness';

export const REPO = resolve(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(REPO, 'test-artifacts', 'dashboard-e2e');

export type Role = Extract<TestRole, 'admin' | 'consortium_lead' | 'evaluator' | 'site_staff'>;

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: REPO, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/** A running dashboard server (dashboard/server.mjs) in front of an analytics URL. */
export interface DashboardServer {
  url: string;
  stop(): Promise<void>;
}

export async function startDashboardServer(opts: { dist: string; analyticsUrl: string; tokensFile?: string }): Promise<DashboardServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'dashboard', 'server.mjs')], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANALYTICS_URL: opts.analyticsUrl,
      DASHBOARD_DIST: opts.dist,
      ANALYTICS_TIMEOUT_MS: '60000',
      ...(opts.tokensFile ? { MEIC_DEV_TOKENS_FILE: opts.tokensFile } : { MEIC_DEV_TOKENS_FILE: '' }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await pollUntil('the dashboard server answers', async () => ((await fetch(`${url}/healthz`).catch(() => null))?.ok ? true : undefined), { timeoutMs: 20_000, intervalMs: 100 });
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

export interface DashboardWorld {
  stack: StackHarness;
  programme: DemoProgramme;
  dashboard: DashboardServer;
  dist: string;
  tokens: Record<Role, string>;
  /** site_staff of one site (the first of the programme). */
  staffSite: string;
  staffToken: string;
  browser: Browser;
  /** GET on the analytics API as a role, as the dashboard's proxy would. */
  api<T>(path: string, token: string): Promise<T>;
  /** A new browser page signed in through the URL fragment. */
  open(path: string, token: string, opts?: { context?: BrowserContext; viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts everything. The demo programme at `scale` of its ~5,000 people keeps the small sites
 * small, so disclosure control shows in the views as it does on the full demo.
 */
/** Set-up steps with their durations on stderr: a slow step shows where the time went. */
function progress(step: string, since: number): void {
  process.stderr.write(`  dashboard e2e: ${step} (${((Date.now() - since) / 1000).toFixed(1)} s)\n`);
}

export async function startDashboardWorld(opts: { scale: number; seed: number }): Promise<DashboardWorld> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the dashboard's end-to-end tests need Debian's chromium (apt-get install chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'meic-dashboard-e2e-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(work, { recursive: true, force: true })];
  const close = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    // The dashboard under test is built from the sources of this checkout, not a stale dist/.
    const dist = join(work, 'dist');
    let since = Date.now();
    await run(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', join(REPO, 'dashboard'), '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn']);
    progress('dashboard built', since);
    const today = new Date().toISOString().slice(0, 10);
    const programme = generateDemoProgramme({ seed: opts.seed, referenceDate: today, scale: opts.scale });
    since = Date.now();
    const stack = await startStack({ analytics: true, minCell: 5 });
    cleanups.push(() => stack.close());
    progress('services started', since);

    since = Date.now();
    const admin = await stack.client();
    const report = await loadDemoProgramme(admin, programme, { out: captured().stream, interactive: false });
    if (report.records.rejected > 0) throw new Error(`the demo load rejected records: ${JSON.stringify(report.rejections.slice(0, 5))}`);
    progress(`demo programme loaded: ${programme.sites.length} sites, ${programme.people.length} people, ${report.records.created} records`, since);
    since = Date.now();

    const roles: Role[] = ['admin', 'consortium_lead', 'evaluator', 'site_staff'];
    const staffSite = programme.sites[0]?.site.code ?? 'IT-RM';
    const tokens = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await signTestToken({ role, sites: role === 'site_staff' ? [staffSite] : [], sub: `e2e-${role}` }, { expiresIn: '2h' })] as const)),
    ) as Record<Role, string>;
    const tokensFile = join(work, 'dev-tokens.json');
    writeFileSync(tokensFile, JSON.stringify(roles.map((role) => ({ role, sites: role === 'site_staff' ? [staffSite] : [], token: tokens[role] }))));

    const api = async <T>(path: string, token: string): Promise<T> => {
      const res = await fetch(`${stack.urls.analytics}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    // The views are meaningful once analytics has every person of the programme: counted exactly
    // by staff of every site (every other role reads perturbed figures).
    const everySite = await signTestToken({ role: 'site_staff', sites: programme.sites.map((s) => s.site.code), sub: 'e2e-every-site' }, { expiresIn: '2h' });
    await pollUntil(
      'analytics counts every demo person',
      async () => {
        const o = await api<{ totals: { enrolled: { value: number | null } } }>('/v1/kpis/overview', everySite);
        return o.totals.enrolled.value === programme.people.length ? true : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
    progress('analytics has every person', since);

    const dashboard = await startDashboardServer({ dist, analyticsUrl: stack.urls.analytics, tokensFile });
    cleanups.push(() => dashboard.stop());
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    cleanups.push(() => browser.close());

    return {
      stack,
      programme,
      dashboard,
      dist,
      tokens,
      staffSite,
      staffToken: tokens.site_staff,
      browser,
      api,
      async open(path, token, o = {}) {
        const context = o.context ?? (await browser.newContext({ viewport: o.viewport ?? { width: 1366, height: 900 }, acceptDownloads: true }));
        const page = await context.newPage();
        page.setDefaultTimeout(60_000);
        await page.goto(`${dashboard.url}${path}#token=${token}`);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Saves a full-page screenshot as a test artifact (test-artifacts/dashboard-e2e/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Errors the page logged: a view that throws or a failed request shows here. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

export function writeArtifact(name: string, content: string | Buffer): string {
  const file = join(ARTIFACTS, name);
  writeFileSync(file, content);
  return file;
}
