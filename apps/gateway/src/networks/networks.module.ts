import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DemoNetworksSeeder } from './demo-networks.seeder';
import { Network, NetworkSchema } from './network.schema';
import { NetworkRepository } from './network.repository';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Network.name, schema: NetworkSchema }])],
  controllers: [NetworksController],
  providers: [NetworkRepository, NetworksService, DemoNetworksSeeder],
  exports: [NetworksService],
})
export class NetworksModule {}
