import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ContactImportUploadMiddleware } from './contact-import-upload.middleware';
import { ContactImportUploadsStore } from './contact-import-uploads.store';

/** The console import's held uploads, and the reading of the upload form's multipart body on its one route. */
@Module({ imports: [AuthModule], providers: [ContactImportUploadsStore], exports: [ContactImportUploadsStore] })
export class ContactImportUploadsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ContactImportUploadMiddleware).forRoutes({ path: 'console/imports', method: RequestMethod.POST });
  }
}
