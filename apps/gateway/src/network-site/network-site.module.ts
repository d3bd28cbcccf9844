import { Module } from '@nestjs/common';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { NetworksModule } from '../networks/networks.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { AccessibilityStatementController } from './accessibility-statement.controller';
import { EventPagesController } from './event-pages.controller';
import { SitePages } from './site-pages.translator';

/** A network's public site beyond the sign-up: its events with the registration form, and its accessibility statement. */
@Module({
  imports: [NetworksModule, SchedulingClientModule, PagesModule, NetworkEventsModule, OrganisationsModule],
  controllers: [EventPagesController, AccessibilityStatementController],
  providers: [SitePages],
  exports: [SitePages],
})
export class NetworkSiteModule {}
