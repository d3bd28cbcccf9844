import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { EventSeriesController } from './event-series.controller';
import { NetworkEventsController } from './network-events.controller';
import { PublicEventSeriesController } from './public-event-series.controller';
import { PublicRegistrationRequests } from './public-registration.requests';
import { PublicNetworkEventsController } from './public-network-events.controller';
import { SchedulingSettingsController } from './scheduling-settings.controller';
import { RegistrationPagesController } from './registration-pages.controller';

@Module({
  imports: [NetworksModule, SchedulingClientModule, PagesModule, OrganisationsModule],
  providers: [PublicRegistrationRequests],
  exports: [PublicRegistrationRequests],
  controllers: [NetworkEventsController, PublicNetworkEventsController, RegistrationPagesController, EventSeriesController, PublicEventSeriesController, SchedulingSettingsController],
})
export class NetworkEventsModule {}
