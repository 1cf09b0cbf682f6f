import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { documentsPaths, DocumentsService } from './documents.service';
import { documentUpload, importSourceUpload } from './upload.middleware';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    // Both the API's uploads and the pages' forms: the pages' CSRF token travels in the multipart body.
    consumer.apply(documentUpload).forRoutes(
      ...[...documentsPaths('api/'), ...documentsPaths('')].map((path) => ({
        path,
        method: RequestMethod.POST,
      })),
    );
    // The import preview form: a file may be the source of the entries it creates (the same form
    // previews again, so both its actions read it).
    consumer.apply(importSourceUpload).forRoutes(
      ...['cases/:id/chronology/import', 'cases/:id/chronology/import/confirm'].map((path) => ({
        path,
        method: RequestMethod.POST,
      })),
    );
  }
}
