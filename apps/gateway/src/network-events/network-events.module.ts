import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { NetworkEventsController } from './network-events.controller';
import { PublicNetworkEventsController } from './public-network-events.controller';
import { RegistrationPagesController } from './registration-pages.controller';

@Module({
  imports: [NetworksModule, SchedulingClientModule, PagesModule],
  controllers: [NetworkEventsController, PublicNetworkEventsController, RegistrationPagesController],
})
export class NetworkEventsModule {}
