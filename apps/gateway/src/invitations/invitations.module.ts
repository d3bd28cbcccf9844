import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { CoordinatorsModule } from '../coordinators/coordinators.module';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { Invitation, InvitationAcceptance, InvitationAcceptanceSchema, InvitationSchema } from './invitation.schema';
import { InvitationRepository } from './invitation.repository';
import { InvitationPagesController } from './invitation-pages.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Invitation.name, schema: InvitationSchema },
      { name: InvitationAcceptance.name, schema: InvitationAcceptanceSchema },
    ]),
    AuthModule,
    CoordinatorsModule,
    NetworksModule,
    PagesModule,
  ],
  controllers: [InvitationsController, InvitationPagesController],
  providers: [InvitationRepository, InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
