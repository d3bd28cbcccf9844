import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkProfile, NetworkProfileSchema } from './network-profile.schema';
import { NetworkProfileRepository } from './network-profile.repository';
import { NetworkProfilesHandler } from './network-profiles.handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: NetworkProfile.name, schema: NetworkProfileSchema }])],
  controllers: [NetworkProfilesHandler],
  providers: [NetworkProfileRepository],
  exports: [NetworkProfileRepository],
})
export class NetworkProfilesModule {}
