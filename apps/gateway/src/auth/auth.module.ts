import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { CoordinatorsModule } from '../coordinators/coordinators.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Session, SessionSchema, SignInFailure, SignInFailureSchema } from './session.schema';
import { SessionCookie } from './session-cookie';
import { SessionRepository } from './session.repository';

/** Who is calling: sessions, API keys, sign-in with brute-force limits, and the deny-by-default guard. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: SignInFailure.name, schema: SignInFailureSchema },
    ]),
    CoordinatorsModule,
    ApiKeysModule,
  ],
  controllers: [AuthController],
  providers: [SessionRepository, AuthService, SessionCookie, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionCookie],
})
export class AuthModule {}
