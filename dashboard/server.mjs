#!/usr/bin/env node
// Production server of the dashboard (`npm start`), Node's http module only:
//   GET /healthz               200, the process is up
//   /api/analytics/*           streamed proxy to ANALYTICS_URL, prefix stripped
//   GET /dev/tokens.json       the file named by MEIC_DEV_TOKENS_FILE, only when that is set
//   everything else            dist/ with SPA fallback to index.html
// Env: PORT (5173), HOST (127.0.0.1), ANALYTICS_URL (http://127.0.0.1:3004),
//      MEIC_DEV_TOKENS_FILE (unset), DASHBOARD_DIST (./dist next to this file).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.env.DASHBOARD_DIST ?? path.join(here, 'dist'));
const PORT = Number(process.env.PORT ?? 5173);
const HOST = process.env.HOST ?? '127.0.0.1';
const ANALYTICS_URL = new URL(process.env.ANALYTICS_URL ?? 'http://127.0.0.1:3004');
const DEV_TOKENS_FILE = process.env.MEIC_DEV_TOKENS_FILE || null;
const API_PREFIX = '/api/analytics';
const PROXY_TIMEOUT_MS = Number(process.env.ANALYTICS_TIMEOUT_MS ?? 30_000);

/** @type {Record<string, string>} */
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.webmanifest']);

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // ECharts writes inline styles in its tooltips, hence 'unsafe-inline' for styles only.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

// Hop-by-hop headers are for one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** @param {string} message */
function log(message) {
  process.stdout.write(`${new Date().toISOString()} dashboard ${message}\n`);
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} title
 * @param {string} detail
 */
function sendProblem(res, status, title, detail) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(body);
}

/**
 * @param {http.IncomingHttpHeaders} headers
 * @returns {http.OutgoingHttpHeaders}
 */
function forwardableHeaders(headers) {
  /** @type {http.OutgoingHttpHeaders} */
  const out = {};
  const connectionTokens = String(headers.connection ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

// ---------- /api/analytics/* -> ANALYTICS_URL ----------

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function proxyToAnalytics(req, res) {
  const incoming = new URL(req.url ?? '/', 'http://dashboard.invalid');
  const rest = incoming.pathname.slice(API_PREFIX.length) || '/';
  const basePath = ANALYTICS_URL.pathname.replace(/\/+$/, '');
  const target = new URL(ANALYTICS_URL.href);
  target.pathname = basePath + rest;
  target.search = incoming.search;

  const headers = forwardableHeaders(req.headers);
  headers.host = target.host;
  const clientIp = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${clientIp}` : clientIp;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-prefix'] = API_PREFIX;

  const client = target.protocol === 'https:' ? https : http;
  const upstream = client.request(target, { method: req.method, headers, timeout: PROXY_TIMEOUT_MS });

  upstream.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, up.statusMessage, forwardableHeaders(up.headers));
    up.pipe(res);
    up.on('error', () => res.destroy());
  });
  upstream.on('timeout', () => {
    upstream.destroy(Object.assign(new Error('upstream timeout'), { code: 'ETIMEDOUT' }));
  });
  upstream.on('error', (/** @type {NodeJS.ErrnoException} */ err) => {
    const code = err.code ?? err.message;
    // The upstream address stays in the log; the browser only learns what failed.
    log(`analytics ${req.method} ${target.pathname} failed: ${code} (${ANALYTICS_URL.origin})`);
    if (code === 'ETIMEDOUT') {
      sendProblem(res, 504, 'Gateway Timeout', `The analytics service did not answer within ${PROXY_TIMEOUT_MS} ms.`);
    } else {
      sendProblem(res, 502, 'Bad Gateway', `The analytics service is not reachable (${code}).`);
    }
  });
  // The client went away: stop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

// ---------- /dev/tokens.json ----------

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function serveDevTokens(req, res) {
  if (!DEV_TOKENS_FILE) {
    sendProblem(res, 404, 'Not Found', 'Development tokens are not served here.');
    return;
  }
  let text;
  try {
    text = await readFile(DEV_TOKENS_FILE, 'utf8');
    JSON.parse(text);
  } catch (err) {
    const code = /** @type {NodeJS.ErrnoException} */ (err).code;
    sendProblem(res, 404, 'Not Found', `The development token file is missing or not JSON (${code ?? 'invalid JSON'}).`);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

// ---------- static files ----------

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
/** Compressed copies of static files, keyed by path, encoding and mtime. @type {Map<string, Promise<Buffer>>} */
const compressedCache = new Map();

/**
 * @param {string} file
 * @param {import('node:fs').Stats} st
 * @param {'br' | 'gzip'} encoding
 * @returns {Promise<Buffer>}
 */
async function compressed(file, st, encoding) {
  const key = `${file}|${encoding}|${st.mtimeMs}|${st.size}`;
  let entry = compressedCache.get(key);
  if (!entry) {
    const raw = await readFile(file);
    entry =
      encoding === 'br'
        ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzip(raw, { level: 9 });
    compressedCache.set(key, entry);
    entry.catch(() => compressedCache.delete(key));
  }
  return entry;
}

/**
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {'br' | 'gzip' | null}
 */
function pickEncoding(acceptEncoding) {
  const accepted = String(acceptEncoding ?? '')
    .split(',')
    .map((s) => s.trim().split(';')[0]);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

/** @param {string} file */
async function fileStat(file) {
  try {
    const st = await stat(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/** Resolves a URL path inside DIST, or null when it would leave it. */
/** @param {string} urlPath @returns {string | null} */
function resolveInDist(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(DIST, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === DIST || file.startsWith(DIST + path.sep) ? file : null;
}

/** @param {string} relPath */
function cacheControlFor(relPath) {
  if (relPath.endsWith('.html')) return 'no-cache';
  // Vite writes content-hashed names under assets/: safe to keep forever.
  if (relPath.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} file
 * @param {import('node:fs').Stats} st
 */
async function sendFile(req, res, file, st) {
  const rel = path.relative(DIST, file).split(path.sep).join('/');
  const ext = path.extname(file).toLowerCase();
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  /** @type {http.OutgoingHttpHeaders} */
  const headers = {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': cacheControlFor(rel),
    'last-modified': st.mtime.toUTCString(),
    etag,
    ...SECURITY_HEADERS,
  };
  if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = COMPRESSIBLE.has(ext) && st.size > 1024 ? pickEncoding(req.headers['accept-encoding']) : null;
  if (encoding) {
    const body = await compressed(file, st, encoding);
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': st.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} pathname
 */
async function serveStatic(req, res, pathname) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method Not Allowed\n');
    return;
  }
  const file = resolveInDist(pathname);
  if (file === null) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad Request\n');
    return;
  }
  const st = file === DIST ? null : await fileStat(file);
  if (st) {
    await sendFile(req, res, file, st);
    return;
  }
  // A missing file with an extension (a stale asset, a typo) is a real 404; any other
  // path is a client-side route, answered with the app shell.
  if (path.posix.extname(pathname) !== '' || pathname.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    res.end('Not Found\n');
    return;
  }
  const index = path.join(DIST, 'index.html');
  const indexStat = await fileStat(index);
  if (!indexStat) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`The dashboard is not built: ${index} is missing. Run "npm run build" in dashboard/.\n`);
    return;
  }
  await sendFile(req, res, index, indexStat);
}

// ---------- server ----------

const server = http.createServer((req, res) => {
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const done = (/** @type {Promise<void>} */ p) =>
    p.catch((/** @type {unknown} */ err) => {
      log(`error ${req.method} ${pathname}: ${err instanceof Error ? err.stack : String(err)}`);
      sendProblem(res, 500, 'Internal Server Error', 'The dashboard server failed to answer this request.');
    });

  if (pathname === '/healthz') {
    const body = JSON.stringify({ status: 'ok' });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
    proxyToAnalytics(req, res);
    return;
  }
  if (pathname === '/dev/tokens.json') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    done(serveDevTokens(req, res));
    return;
  }
  done(serveStatic(req, res, pathname));
});

server.keepAliveTimeout = 5_000;

server.on('error', (err) => {
  log(`cannot listen on ${HOST}:${PORT}: ${err.message}`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : PORT;
  const host = HOST.includes(':') ? `[${HOST}]` : HOST;
  log(`listening on http://${host}:${port} (analytics -> ${ANALYTICS_URL.href}, dev tokens ${DEV_TOKENS_FILE ? 'served' : 'off'})`);
});

let stopping = false;
/** @param {string} signal */
function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Requests in flight get a moment to finish, then the rest are cut.
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 3_000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
