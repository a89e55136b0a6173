import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { importPKCS8, SignJWT } from 'jose';
import { CurrentPrincipal, Public, Roles } from './auth/auth.guard';
import type { Principal } from './auth/principal';
import { createHttpApp } from './http/bootstrap';
import { ValidBody } from './http/schema.pipe';
import { createLogger } from './logging/logger';
import { PlatformModule } from './platform.module';
import { problems } from './problems/problem';

const Body = Type.Object({ name: Type.String({ minLength: 1 }), nested: Type.Object({ n: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }) }, { additionalProperties: false });

@Controller('v1/things')
class ThingsController {
  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@ValidBody(Body) body: Static<typeof Body>): Static<typeof Body> {
    return body;
  }

  @Get('mine')
  mine(@CurrentPrincipal() p: Principal): Principal {
    return p;
  }

  @Get('for-services')
  @Roles('service')
  forServices(@CurrentPrincipal() p: Principal): Principal {
    return p;
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }

  @Get('gone')
  gone(): never {
    throw problems.notFound('Thing 7 does not exist.');
  }

  @Get('open')
  @Public()
  open(): { ok: true } {
    return { ok: true };
  }
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function token(claims: Record<string, unknown>, opts: { audience?: string; expiresIn?: string } = {}): Promise<string> {
  const key = await importPKCS8(privatePem, 'EdDSA');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject('u1')
    .setIssuer('meic-dev')
    .setAudience(opts.audience ?? 'meic')
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '5m')
    .sign(key);
}

describe('PlatformModule: auth, problem+json, validation, health', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    @Module({
      imports: [PlatformModule.forRoot({ service: 'test', auth: { issuer: 'meic-dev', audience: 'meic', publicKeyPem: publicPem }, openapi: () => ({ openapi: '3.1.0' }) })],
      controllers: [ThingsController],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, createLogger('test', 'fatal'));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  };

  it('rejects missing, forged, expired, wrong-audience and role-less tokens with 401 problem+json', async () => {
    const good = await token({ role: 'admin' });
    for (const bad of [undefined, `${good}x`, await token({ role: 'admin' }, { expiresIn: '-1m' }), await token({ role: 'admin' }, { audience: 'other' }), await token({ role: 'janitor' }), await token({ role: 'site_staff' })]) {
      const res = await call('/v1/things/mine', { token: bad });
      expect(res.status).toBe(401);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: 'https://meic.eu/problems/unauthenticated', status: 401, instance: '/v1/things/mine' });
    }
  });

  it('passes the principal through and confines roles with 403', async () => {
    const staff = await token({ role: 'site_staff', sites: ['IT-RM'] });
    expect((await call('/v1/things/mine', { token: staff })).body).toEqual({ sub: 'u1', role: 'site_staff', sites: ['IT-RM'] });
    const denied = await call('/v1/things', { method: 'POST', token: staff, body: '{}' });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toMatch(/Role 'site_staff' may not do this/);
  });

  it('lets a service token call only what names the service role: never a handler open to any person', async () => {
    const service = await token({ role: 'service' });
    expect(await call('/v1/things/for-services', { token: service })).toMatchObject({ status: 200, body: { role: 'service', sites: [] } });
    const open = await call('/v1/things/mine', { token: service });
    expect(open.status).toBe(403);
    expect(open.body.detail).toMatch(/Role 'service' may not do this; allowed: people only/);
    expect((await call('/v1/things', { method: 'POST', token: service, body: '{}' })).status).toBe(403);
    // And no person calls what is for services.
    expect((await call('/v1/things/for-services', { token: await token({ role: 'admin' }) })).status).toBe(403);
  });

  it('names every invalid and unknown field, and rejects non-JSON bodies', async () => {
    const admin = await token({ role: 'admin' });
    const res = await call('/v1/things', { method: 'POST', token: admin, body: JSON.stringify({ nested: { n: -1, extra: 1 }, colour: 'red' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/name', message: 'is required' },
        { path: '/colour', message: 'is not a known field' },
        { path: '/nested/extra', message: 'is not a known field' },
        { path: '/nested/n', message: 'must be >= 0' },
      ]),
    );
    const notJson = await call('/v1/things', { method: 'POST', token: admin, body: '{"name":' });
    expect(notJson).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/JSON/) } });
    expect((await call('/v1/things', { method: 'POST', token: admin, body: JSON.stringify({ name: 'a', nested: { n: 1 } }) })).status).toBe(201);
  });

  it('hides internal errors, keeps thrown problems, and answers unknown routes as problems', async () => {
    const admin = await token({ role: 'admin' });
    const boom = await call('/v1/things/boom', { token: admin });
    expect(boom.status).toBe(500);
    expect(JSON.stringify(boom.body)).not.toContain('secret internal detail');
    expect(await call('/v1/things/gone', { token: admin })).toMatchObject({ status: 404, body: { detail: 'Thing 7 does not exist.' } });
    const unknown = await call('/v1/nothing', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
  });

  it('serves health, readiness, metrics and OpenAPI without a token', async () => {
    expect((await call('/healthz')).body).toEqual({ status: 'ok' });
    expect((await call('/readyz')).body).toEqual({ status: 'ready', checks: {} });
    expect((await call('/v1/things/open')).body).toEqual({ ok: true });
    expect((await call('/openapi.json')).body).toEqual({ openapi: '3.1.0' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{.*route="\/v1\/things\/mine".*status="200".*\} \d+/);
  });
});
