import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AudienceClientModule } from '../audience/audience-client.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CoordinatorsModule } from '../coordinators/coordinators.module';
import { DeliveryConsoleModule } from '../delivery/delivery-console.module';
import { NetworksModule } from '../networks/networks.module';
import { NewslettersModule } from '../newsletters/newsletters.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { ConsoleContactsController } from './console-contacts.controller';
import { ConsoleEventsController } from './console-events.controller';
import { ConsoleDeliveryController } from './console-delivery.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleNewslettersController } from './console-newsletters.controller';
import { ConsolePages } from './console-pages';
import { ConsoleSessionController } from './console-session.controller';
import { ConsoleSettingsController } from './console-settings.controller';

/**
 * The coordinator console: server-rendered pages under /console on the public pages' design system, usable without
 * JavaScript. Each area calls the same services and clients as its JSON API counterpart.
 */
@Module({
  imports: [PagesModule, AuthModule, NetworksModule, CoordinatorsModule, ApiKeysModule, AuditModule, AudienceClientModule, SchedulingClientModule, NewslettersModule, DeliveryConsoleModule],
  controllers: [ConsoleSessionController, ConsoleEventsController, ConsoleContactsController, ConsoleNewslettersController, ConsoleDeliveryController, ConsoleSettingsController],
  providers: [ConsolePages, ConsoleExceptionFilter],
})
export class ConsoleModule {}
