import { Controller, Get, INestApplication, MiddlewareConsumer, Module, NestModule, NotFoundException, Param, RequestMethod } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ErrorMappingFilter } from '@hub/http';
import type { ConsolePages } from '../console/console-pages';
import { PageRenderer } from './page.renderer';
import { UnmatchedRouteFilter } from './unmatched-route.filter';

@Controller()
class ThingsController {
  @Get('api/v1/things/:id')
  apiThing(@Param('id') id: string): never {
    throw new NotFoundException(`id: no thing ${id}`);
  }

  @Get('things/:id')
  pageThing(@Param('id') id: string): never {
    throw new NotFoundException(`id: no thing ${id}`);
  }
}

/**
 * As in the gateway: ErrorMappingFilter is the APP_FILTER, UnmatchedRouteFilter is added at start-up, and middleware
 * for every path (as the request logger's) runs before any route, Express route itself.
 */
@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: ErrorMappingFilter }] })
class ThingsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((_req: Request, _res: Response, next: NextFunction) => next()).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}

const consolePages = { language: () => 'nn', t: () => (key: string) => `[${key}]`, renderPlain: (language: string, title: string, body: string) => `<html lang="${language}"><h1>${title}</h1>${body}</html>` };

describe('UnmatchedRouteFilter', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const express = await NestFactory.create<NestExpressApplication>(ThingsModule, { logger: false });
    express.useGlobalFilters(new UnmatchedRouteFilter(express.getHttpAdapter(), new PageRenderer(), consolePages as unknown as ConsolePages));
    await express.listen(0, '127.0.0.1');
    app = express;
    base = await app.getUrl();
  });

  afterAll(() => app?.close());

  const get = (path: string, headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'sv' }) => fetch(`${base.replace('[::1]', '127.0.0.1')}${path}`, { headers });

  it('answers an address no route matches with the 404 page in the visitor’s language', async () => {
    const response = await get('/nonsense/deeper');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await response.text();
    expect(body).toContain('<html lang="sv">');
    expect(body).toContain(`<h1>${new PageRenderer().t('sv')('notFound.title')}</h1>`);
  });

  it('answers unmatched console addresses with the console’s 404 page', async () => {
    const response = await get('/console/nonsense');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<h1>[errors.notFoundTitle]</h1>');
  });

  it('keeps JSON under /api, for programs asking JSON, and for a route’s own 404', async () => {
    for (const [path, headers] of [
      ['/api/nonsense', undefined],
      ['/api/v1/things/1/more', undefined],
      ['/api/v1/things/1', undefined],
      ['/nonsense', { accept: 'application/json' }],
      ['/things/1', undefined],
    ] as Array<[string, Record<string, string> | undefined]>) {
      const response = await get(path, headers);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 404, expect.stringMatching(/^application\/json/)]);
    }
  });
});
