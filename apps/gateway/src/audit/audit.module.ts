import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditInterceptor } from './audit.interceptor';

@Module({
  imports: [MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
  controllers: [AuditLogController],
  providers: [AuditLogRepository, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLogRepository],
})
export class AuditModule {}
