import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  Attendance,
  attendanceSchema,
  CoordinatorRegistration,
  coordinatorRegistrationSchema,
  MoveRegistration,
  moveRegistrationSchema,
  OwnRegistrationView,
  RegisterRequest,
  registerRequestSchema,
  RegisterResponse,
  RegistrationDecision,
  registrationDecisionSchema,
  RegistrationToken,
  registrationTokenSchema,
  RegistrationView,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { RegistrationsService } from './registrations.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('networks/:networkId/network-events/:eventId/registrations')
  @HttpCode(200)
  register(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(registerRequestSchema)) body: RegisterRequest,
  ): Promise<RegisterResponse> {
    return this.registrations.register(networkId, eventId, body);
  }

  @Post('networks/:networkId/network-events/:eventId/coordinator-registrations')
  @HttpCode(200)
  add(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(coordinatorRegistrationSchema)) body: CoordinatorRegistration,
  ): Promise<RegistrationView> {
    return this.registrations.add(networkId, eventId, body);
  }

  @Post('networks/:networkId/network-events/:eventId/registrations/:registrationId/move')
  @HttpCode(200)
  move(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(moveRegistrationSchema)) body: MoveRegistration,
  ): Promise<RegistrationView> {
    return this.registrations.move(networkId, eventId, registrationId, body);
  }

  @Post('networks/:networkId/network-events/:eventId/registrations/:registrationId/decision')
  @HttpCode(200)
  decide(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(registrationDecisionSchema)) body: RegistrationDecision,
  ): Promise<RegistrationView> {
    return this.registrations.decide(networkId, eventId, registrationId, body.approve);
  }

  @Post('networks/:networkId/network-events/:eventId/registrations/:registrationId/attendance')
  @HttpCode(200)
  markAttendance(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(attendanceSchema)) body: Attendance,
  ): Promise<RegistrationView> {
    return this.registrations.markAttendance(networkId, eventId, registrationId, body.attended);
  }

  /** The participant's own page; the token is in the body so it never lands in access logs. */
  @Post('registrations/lookups')
  @HttpCode(200)
  own(@Body(new ZodValidationPipe(registrationTokenSchema)) body: RegistrationToken): Promise<OwnRegistrationView> {
    return this.registrations.own(body.token);
  }

  @Post('registrations/cancellations')
  @HttpCode(200)
  cancel(@Body(new ZodValidationPipe(registrationTokenSchema)) body: RegistrationToken): Promise<{ outcome: 'cancelled' | 'already-cancelled' }> {
    return this.registrations.cancel(body.token);
  }
}
