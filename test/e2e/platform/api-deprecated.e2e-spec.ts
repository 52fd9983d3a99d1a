import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiOperation, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { addSharedResponses, ApiDeprecated } from '@keel/http';

@Controller('widgets')
class WidgetsController {
  @Get('old')
  @ApiOperation({ operationId: 'listOldWidgets', summary: 'Old list' })
  @ApiOkResponse({ schema: { type: 'object', example: { ok: true } } })
  @ApiDeprecated({ since: '2027-01-15', sunset: '2027-06-30', successor: '/widgets' })
  old() {
    return { ok: true };
  }

  @Get()
  @ApiOperation({ operationId: 'listWidgets', summary: 'List' })
  @ApiOkResponse({ schema: { type: 'object', example: { ok: true } } })
  current() {
    return { ok: true };
  }
}

/** @ApiDeprecated (libs/http): what a consumer sees on an operation scheduled to go. */
describe('ApiDeprecated', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [WidgetsController] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('When a deprecated operation answers, then it carries Deprecation, Sunset and the successor Link; others do not', async () => {
    const base = await app.getUrl();
    const old = await fetch(`${base}/widgets/old`);
    expect(old.status).toBe(200);
    expect(old.headers.get('deprecation')).toBe(`@${Date.UTC(2027, 0, 15) / 1000}`);
    expect(old.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    expect(old.headers.get('link')).toBe('</widgets>; rel="successor-version"');
    const current = await fetch(`${base}/widgets`);
    expect(current.headers.get('deprecation')).toBeNull();
    expect(current.headers.get('sunset')).toBeNull();
  });

  it('When the document is built, then the operation is deprecated and its responses describe both headers', () => {
    const document = addSharedResponses(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
    const old = document.paths['/widgets/old'].get!;
    expect(old.deprecated).toBe(true);
    const headers = (old.responses['200'] as { headers?: Record<string, unknown> }).headers ?? {};
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['Deprecation', 'Sunset']));
    expect(Object.keys(document.components?.headers ?? {})).toEqual(expect.arrayContaining(['Deprecation', 'Sunset']));
    expect(document.paths['/widgets'].get!.deprecated).toBeUndefined();
  });

  it('When the dates are wrong, then the decorator refuses them at startup', () => {
    expect(() => ApiDeprecated({ since: '2027-06-30', sunset: '2027-01-15' })).toThrow(/sunset must come after since/);
    expect(() => ApiDeprecated({ since: 'soon', sunset: '2027-01-15' })).toThrow(/since is not a date/);
  });
});
