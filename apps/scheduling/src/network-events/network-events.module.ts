import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkEvent, NetworkEventSchema } from './network-event.schema';
import { NetworkEventRepository } from './network-event.repository';
import { NetworkEventsController } from './network-events.controller';
import { NetworkEventsService } from './network-events.service';
import { Registration, RegistrationSchema } from './registration.schema';
import { RegistrationRepository } from './registration.repository';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';
import { SeatAllocator } from './seat.allocator';
import { SeatReconciler } from './seat.reconciler';
import { Seat, SeatSchema } from './seat.schema';
import { SeatRepository } from './seat.repository';

/** Network meetings, webinars and gatherings, with their registrations, seats and waitlists. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NetworkEvent.name, schema: NetworkEventSchema },
      { name: Registration.name, schema: RegistrationSchema },
      { name: Seat.name, schema: SeatSchema },
    ]),
  ],
  controllers: [NetworkEventsController, RegistrationsController],
  providers: [NetworkEventRepository, RegistrationRepository, SeatRepository, SeatAllocator, SeatReconciler, NetworkEventsService, RegistrationsService],
  exports: [NetworkEventRepository, NetworkEventsService, RegistrationsService, RegistrationRepository, SeatRepository],
})
export class NetworkEventsModule {}
