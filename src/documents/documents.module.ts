import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { documentsPaths, DocumentsService } from './documents.service';
import { documentUpload } from './upload.middleware';

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
  }
}
