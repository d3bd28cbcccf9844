import { Module } from '@nestjs/common';
import { AudienceClientModule } from '../audience/audience-client.module';
import { PagesModule } from '../pages/pages.module';
import { PreferencesPagesController } from './preferences-pages.controller';
import { PreferencesController } from './preferences.controller';

@Module({
  imports: [AudienceClientModule, PagesModule],
  controllers: [PreferencesController, PreferencesPagesController],
})
export class PreferencesModule {}
