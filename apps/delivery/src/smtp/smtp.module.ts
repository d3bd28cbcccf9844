import { Module } from '@nestjs/common';
import { SmtpTransport } from './smtp.transport';

@Module({ providers: [SmtpTransport], exports: [SmtpTransport] })
export class SmtpModule {}
