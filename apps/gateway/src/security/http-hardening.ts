import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { completeFromZod } from '../api-docs/zod-openapi';
import { ConsolePages } from '../console/console-pages';
import { PageRenderer } from '../pages/page.renderer';
import { UnmatchedRouteFilter } from '../pages/unmatched-route.filter';

/**
 * What the public-facing service adds to the common start-up: security headers (helmet's defaults, which allow the
 * pages' inline styles but no inline scripts), cookie parsing for console sessions, the 404 page for addresses no
 * route matches outside /api, and the OpenAPI document (with request bodies and path parameters from the routes'
 * zod schemas).
 */
export function hardenGateway(app: NestExpressApplication): void {
  app.use(helmet());
  app.use(cookieParser());
  // Added after the services' ErrorMappingFilter (an APP_FILTER), so Nest asks this one first.
  app.useGlobalFilters(new UnmatchedRouteFilter(app.getHttpAdapter(), app.get(PageRenderer), app.get(ConsolePages)));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nordic Network Hub API')
      .setDescription('Networks, mailing lists, subscriptions, coordinators. The network of a request comes from its credentials.')
      .setVersion('1')
      .addCookieAuth('hub_session', { type: 'apiKey', in: 'cookie' }, 'session')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'hub_<id>_<secret>' }, 'api-key')
      .build(),
  );
  completeFromZod(app, document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
