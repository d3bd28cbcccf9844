import { Module } from '@nestjs/common';
import { PageAssetsController } from './page-assets.controller';
import { PageRenderer } from './page.renderer';

@Module({ controllers: [PageAssetsController], providers: [PageRenderer], exports: [PageRenderer] })
export class PagesModule {}
