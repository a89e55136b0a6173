// Runs the real server.mjs as a child process against a fake upstream in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(__dirname, 'server.mjs')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 5000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], exited });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
}

async function stopServer(s: Started): Promise<number | null> {
  s.child.kill('SIGTERM');
  return s.exited;
}

describe('dashboard server (server.mjs)', () => {
  let dist: string;
  let upstream: http.Server;
  let upstreamUrl: string;
  let seen: { method?: string; url?: string; auth?: string; host?: string; connection?: string } = {};
  let server: Started;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'meic-dashboard-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>MEIC</title><div id="root"></div>');
    writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(dist, '..', 'secret.txt'), 'outside');

    upstream = http.createServer((req, res) => {
      seen = { method: req.method, url: req.url, auth: req.headers.authorization, host: req.headers.host, connection: req.headers['x-custom-hop'] as string | undefined };
      if (req.url?.startsWith('/v1/forbidden')) {
        res.writeHead(403, { 'content-type': 'application/problem+json', 'x-upstream': 'yes' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'not your site' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    server = await startServer({ DASHBOARD_DIST: dist, ANALYTICS_URL: upstreamUrl });
  });

  afterAll(async () => {
    if (server) await stopServer(server);
    await new Promise((resolve) => upstream.close(resolve));
    rmSync(dist, { recursive: true, force: true });
    rmSync(path.join(dist, '..', 'secret.txt'), { force: true });
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('proxies /api/analytics/* without the prefix, with query and Authorization', async () => {
    // node:http rather than fetch, which refuses to send a Connection header
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.get(
        `${server.url}/api/analytics/v1/kpis/overview?groupBy=site&country=IT`,
        { headers: { authorization: 'Bearer abc.def.ghi', connection: 'close, x-custom-hop', 'x-custom-hop': 'drop me' } },
        (r) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body }));
        },
      );
      req.on('error', reject);
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-upstream']).toBe('yes');
    expect(JSON.parse(res.body)).toEqual({ ok: true, path: '/v1/kpis/overview?groupBy=site&country=IT' });
    expect(seen).toMatchObject({ method: 'GET', url: '/v1/kpis/overview?groupBy=site&country=IT', auth: 'Bearer abc.def.ghi' });
    expect(seen.host).toBe(new URL(upstreamUrl).host);
    expect(seen.connection).toBeUndefined();
  });

  it('passes error statuses and problem bodies through unchanged', async () => {
    const res = await fetch(`${server.url}/api/analytics/v1/forbidden`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 403, detail: 'not your site' });
  });

  it('does not serve development tokens unless MEIC_DEV_TOKENS_FILE is set', async () => {
    const res = await fetch(`${server.url}/dev/tokens.json`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves the app shell for client-side routes, uncached', async () => {
    for (const route of ['/', '/overview', '/funnel', '/no/such/page']) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable, compressed when asked', async () => {
    const res = await fetch(`${server.url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain('console.log');
    const again = await fetch(`${server.url}/assets/app-abc123.js`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for missing files, and never serves outside dist', async () => {
    expect((await fetch(`${server.url}/assets/gone-123.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/missing.png`)).status).toBe(404);
    // raw paths: fetch would normalise the dots away before sending
    for (const raw of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const body = await new Promise<string>((resolve, reject) => {
        const u = new URL(server.url);
        http
          .get({ host: u.hostname, port: u.port, path: raw }, (r) => {
            let b = '';
            r.on('data', (c: Buffer) => (b += c.toString()));
            r.on('end', () => resolve(`${r.statusCode} ${b}`));
          })
          .on('error', reject);
      });
      expect(body).not.toContain('outside');
      expect(body.startsWith('404')).toBe(true);
    }
  });

  it('answers 502 with a problem when the analytics service is down', async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    const s = await startServer({ DASHBOARD_DIST: dist, ANALYTICS_URL: `http://127.0.0.1:${port}` });
    try {
      const res = await fetch(`${s.url}/api/analytics/v1/kpis/overview`);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 502, title: 'Bad Gateway' });
    } finally {
      expect(await stopServer(s)).toBe(0);
    }
  });

  it('serves the development token file when configured, and exits 0 on SIGTERM', async () => {
    const file = path.join(dist, '..', `tokens-${process.pid}.json`);
    writeFileSync(file, JSON.stringify([{ role: 'evaluator', sites: [], token: 'a.b.c' }]));
    const s = await startServer({ DASHBOARD_DIST: dist, ANALYTICS_URL: upstreamUrl, MEIC_DEV_TOKENS_FILE: file });
    try {
      const res = await fetch(`${s.url}/dev/tokens.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual([{ role: 'evaluator', sites: [], token: 'a.b.c' }]);
    } finally {
      expect(await stopServer(s)).toBe(0);
      rmSync(file, { force: true });
    }
  });
});
