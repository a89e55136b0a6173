import { Controller, Get, Module, Post, type DynamicModule } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Public, Roles } from '../auth/auth.guard';
import { ValidBody, ValidQuery } from '../http/schema.pipe';
import { ApiDoc, ApiHidden } from './api-doc';
import { buildOpenApi, controllersOf, openApiDocument } from './openapi';

const ThingQuery = Type.Object({ site: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{2}$' })) });
const ThingBody = Type.Object({ name: Type.String({ minLength: 1 }) });
const ThingView = Type.Object({ id: Type.String() });

@Controller('v1/things')
@Roles('admin', 'site_staff')
class ThingsController {
  @ApiDoc({ summary: 'List things', responses: { 200: { description: 'Things', schema: Type.Array(ThingView) } } })
  @Get()
  list(@ValidQuery(ThingQuery) _q: unknown): unknown[] {
    return [];
  }

  @ApiDoc({ summary: 'Make a thing', responses: { 201: { description: 'Made', schema: ThingView } } })
  @Post(':id/parts')
  @Roles('admin')
  make(@ValidBody(ThingBody) _b: unknown): unknown {
    return {};
  }

  @Get('internal')
  @ApiHidden()
  internal(): void {}
}

@Controller()
@Public()
class OpenController {
  @ApiDoc({ summary: 'Open', responses: { 200: { description: 'ok' } } })
  @Get('open')
  open(): void {}
}

const info = { title: 't', version: '1', description: 'd' };
type Doc = { paths: Record<string, Record<string, { summary: string; description?: string; security?: unknown[]; parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown> }>> };

describe('OpenAPI from the controllers', () => {
  it('takes method, path, roles, query and body from the Nest decorators', () => {
    const doc = buildOpenApi(info, [ThingsController, OpenController]) as unknown as Doc;
    expect(Object.keys(doc.paths).sort()).toEqual(['/open', '/v1/things', '/v1/things/{id}/parts']);
    const list = doc.paths['/v1/things']!['get']!;
    expect(list.description).toBe('Roles: admin, site_staff.');
    expect(list.parameters).toEqual([{ name: 'site', in: 'query', required: false, schema: { type: 'string', pattern: '^[A-Z]{2}-[A-Z]{2}$' } }]);
    const make = doc.paths['/v1/things/{id}/parts']!['post']!;
    expect(make.description).toBe('Roles: admin.');
    expect(make.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(make.requestBody!.content['application/json']!.schema).toEqual({ type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } });
    expect(Object.keys(make.responses).sort()).toEqual(['201', '400', '401', '403']);
    expect(doc.paths['/open']!['get']!.security).toEqual([]);
  });

  it('refuses a route without @ApiDoc', () => {
    @Controller('v1/undocumented')
    @Roles('admin')
    class Undocumented {
      @Get()
      get(): void {}
    }
    expect(() => buildOpenApi(info, [Undocumented])).toThrow('Undocumented.get has no @ApiDoc');
  });

  it('documents a route without @Roles as open to every role of a person, not to services', () => {
    @Controller('v1/any-person')
    class AnyPerson {
      @ApiDoc({ summary: 's', responses: {} })
      @Get()
      get(): void {}
    }
    const doc = buildOpenApi(info, [AnyPerson]) as unknown as Doc;
    expect(doc.paths['/v1/any-person']!['get']!.description).toBe('Roles: admin, consortium_lead, evaluator, site_staff.');
  });

  it('finds the controllers of static and dynamic modules through their imports', () => {
    @Module({ controllers: [OpenController] })
    class Inner {}
    @Module({})
    class Feature {
      static forRoot(): DynamicModule {
        return { module: Feature, imports: [Inner], controllers: [ThingsController] };
      }
    }
    const app: DynamicModule = { module: class App {}, imports: [Feature.forRoot(), Inner] };
    expect(controllersOf(app)).toEqual([ThingsController, OpenController]);
    expect(Object.keys((openApiDocument(info, app) as unknown as Doc).paths)).toHaveLength(3);
  });
});
