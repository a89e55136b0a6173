import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `vite dev` behaves like `npm start` (server.mjs): same proxy, same dev-token file.
const analyticsUrl = process.env.ANALYTICS_URL ?? 'http://127.0.0.1:3004';
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

function sendProblem(res: ServerResponse, status: number, title: string, detail: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/** Serves GET /dev/tokens.json from MEIC_DEV_TOKENS_FILE, only when that variable is set. */
function devTokens(): Plugin {
  return {
    name: 'meic-dev-tokens',
    configureServer(server) {
      server.middlewares.use('/dev/tokens.json', (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const file = process.env.MEIC_DEV_TOKENS_FILE;
        if (!file) {
          sendProblem(res, 404, 'Not Found', 'Development tokens are not served (MEIC_DEV_TOKENS_FILE is not set).');
          return;
        }
        readFile(file, 'utf8').then(
          (text) => {
            JSON.parse(text);
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
            res.end(text);
          },
          () => sendProblem(res, 404, 'Not Found', 'The development token file could not be read.'),
        );
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), devTokens()],
  // `@/x` is `src/x`, as in tsconfig.app.json (`paths`) and the root jest.config.js.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) }] },
  server: {
    host,
    port,
    strictPort: true,
    proxy: {
      '/api/analytics': {
        target: analyticsUrl,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/api\/analytics/, '') || '/',
        configure(proxy) {
          proxy.on('error', (err, _req, res) => {
            if (res && 'writeHead' in res) {
              sendProblem(
                res as ServerResponse,
                502,
                'Bad Gateway',
                `The analytics service at ${analyticsUrl} is not reachable (${(err as NodeJS.ErrnoException).code ?? err.message}).`, // dev only
              );
            }
          });
        },
      },
    },
  },
  preview: { host, port },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
});
