import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { DemoOrganisationsSeeder } from './demo-organisations.seeder';
import { Membership, MembershipSchema } from './membership.schema';
import { MembershipRepository } from './membership.repository';
import { MembershipsService } from './memberships.service';
import { MunicipalityLookupController } from './municipality-lookup.controller';
import { MunicipalityLookupPage } from './municipality-lookup.page';
import { Organisation, OrganisationSchema } from './organisation.schema';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** Member organisations (municipalities, counties, regions) and their memberships in networks. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Organisation.name, schema: OrganisationSchema },
      { name: Membership.name, schema: MembershipSchema },
    ]),
    NetworksModule,
    PagesModule,
  ],
  controllers: [OrganisationsController, MunicipalityLookupController],
  providers: [OrganisationRepository, MembershipRepository, OrganisationsService, MembershipsService, MunicipalityLookupPage, DemoOrganisationsSeeder],
  exports: [MembershipsService],
})
export class OrganisationsModule {}
