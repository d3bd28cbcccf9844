import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AudienceClientModule } from '../audience/audience-client.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CoordinatorsModule } from '../coordinators/coordinators.module';
import { DeliveryConsoleModule } from '../delivery/delivery-console.module';
import { NetworksModule } from '../networks/networks.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { ConsoleContactsController } from './console-contacts.controller';
import { ConsoleEventEditorController } from './console-event-editor.controller';
import { ConsoleEventsController } from './console-events.controller';
import { ConsoleDeliveryController } from './console-delivery.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleImportsController } from './console-imports.controller';
import { ConsoleNewslettersController } from './console-newsletters.controller';
import { ConsolePages } from './console-pages';
import { ConsoleProgrammeController } from './console-programme.controller';
import { ConsoleSeriesController } from './console-series.controller';
import { ConsoleSessionController } from './console-session.controller';
import { ConsoleSettingsController } from './console-settings.controller';
import { ContactImportUploadsModule } from './contact-import-uploads.module';

/**
 * The coordinator console: server-rendered pages under /console on the public pages' design system, usable without
 * JavaScript. Each area calls the same services and clients as its JSON API counterpart. Controllers are routed in
 * this order: the programme and the event editor come before the events area's `:eventId` page.
 */
@Module({
  imports: [PagesModule, AuthModule, NetworksModule, CoordinatorsModule, ApiKeysModule, AuditModule, AudienceClientModule, SchedulingClientModule, InvitationsModule, NewslettersModule, OrganisationsModule, DeliveryConsoleModule, ContactImportUploadsModule],
  controllers: [ConsoleSessionController, ConsoleProgrammeController, ConsoleEventEditorController, ConsoleEventsController, ConsoleSeriesController, ConsoleContactsController, ConsoleImportsController, ConsoleNewslettersController, ConsoleDeliveryController, ConsoleSettingsController],
  providers: [ConsolePages, ConsoleExceptionFilter],
})
export class ConsoleModule {}
