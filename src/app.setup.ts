import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { ErrorFilter } from './common/error.filter';
import { requireJsonBody } from './common/json-body';
import { RequestTextInterceptor, validationPipe } from './common/validation';

/** Everything main.ts does to the app besides listening, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  app.use(cookieParser());
  // A pasted chronology (up to 500,000 characters, URL-encoded or JSON-escaped) is far longer than
  // body-parser's 100 kB default, both in the import form and in the import API.
  (app as NestExpressApplication).useBodyParser('urlencoded', { extended: true, limit: '4mb' });
  (app as NestExpressApplication).useBodyParser('json', { limit: '4mb' });
  app.use('/api', requireJsonBody);
  app.useGlobalPipes(validationPipe());
  app.useGlobalInterceptors(new RequestTextInterceptor());
  app.useGlobalFilters(new ErrorFilter());
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
