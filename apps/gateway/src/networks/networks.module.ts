import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DemoNetworksSeeder } from './demo-networks.seeder';
import { NetworkProfileEvents } from './network-profile.event';
import { Network, NetworkSchema } from './network.schema';
import { NetworkRepository } from './network.repository';
import { NetworkSettingsController } from './network-settings.controller';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Network.name, schema: NetworkSchema }])],
  controllers: [NetworksController, NetworkSettingsController],
  providers: [NetworkRepository, NetworkProfileEvents, NetworksService, DemoNetworksSeeder],
  exports: [NetworksService, NetworkRepository],
})
export class NetworksModule {}
