import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { ErrorFilter } from './common/error.filter';
import { requireJsonBody } from './common/json-body';
import { RequestTextInterceptor, validationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.module';
import { assignRequestId } from './logging/logger-options';
import { AuthService } from './auth/auth.service';
import { UnknownPathFilter } from './web/unknown-path.filter';
import { WebView } from './web/web-view';

/** Everything main.ts does to the app besides listening, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  // request.ip (the sign-in limiter, the audit log) and https detection believe X-Forwarded-* only
  // from the proxies TRUST_PROXY names; with none, the connection's own address is the client.
  const { trustProxy } = app.get<AppConfig>(APP_CONFIG);
  (app as NestExpressApplication).set('trust proxy', trustProxy.length > 0 ? trustProxy : false);
  app.use(assignRequestId);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  app.use(cookieParser());
  // A pasted chronology (up to 500,000 characters, URL-encoded or JSON-escaped) is far longer than
  // body-parser's 100 kB default, both in the import form and in the import API.
  (app as NestExpressApplication).useBodyParser('urlencoded', { extended: true, limit: '4mb' });
  (app as NestExpressApplication).useBodyParser('json', { limit: '4mb' });
  app.use('/api', requireJsonBody);
  app.useGlobalPipes(validationPipe());
  app.useGlobalInterceptors(new RequestTextInterceptor());
  // The last filter registered is asked first: an unknown page path gets a page, the rest JSON.
  app.useGlobalFilters(new ErrorFilter(), new UnknownPathFilter(app.get(WebView), app.get(AuthService)));
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Vigil API')
    .setDescription('Case tracker for detained human rights defenders')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
