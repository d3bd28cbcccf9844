import { Module } from '@nestjs/common';
import { PageRenderer } from './page.renderer';

@Module({ providers: [PageRenderer], exports: [PageRenderer] })
export class PagesModule {}
