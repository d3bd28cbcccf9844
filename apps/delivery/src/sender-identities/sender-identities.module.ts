import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkProfileHandler } from './network-profile.handler';
import { SenderIdentitiesService } from './sender-identities.service';
import { SenderIdentity, SenderIdentitySchema } from './sender-identity.schema';
import { SenderIdentityRepository } from './sender-identity.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: SenderIdentity.name, schema: SenderIdentitySchema }])],
  controllers: [NetworkProfileHandler],
  providers: [SenderIdentityRepository, SenderIdentitiesService],
  exports: [SenderIdentitiesService],
})
export class SenderIdentitiesModule {}
