import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PasswordHasher } from '../auth/password.hasher';
import { CoordinatorAccount, CoordinatorAccountSchema } from './coordinator-account.schema';
import { CoordinatorAccountRepository } from './coordinator-account.repository';
import { CoordinatorsController } from './coordinators.controller';
import { CoordinatorsService } from './coordinators.service';
import { DemoCoordinatorsSeeder } from './demo-coordinators.seeder';

@Module({
  imports: [MongooseModule.forFeature([{ name: CoordinatorAccount.name, schema: CoordinatorAccountSchema }])],
  controllers: [CoordinatorsController],
  providers: [CoordinatorAccountRepository, CoordinatorsService, PasswordHasher, DemoCoordinatorsSeeder],
  exports: [CoordinatorAccountRepository, CoordinatorsService, PasswordHasher],
})
export class CoordinatorsModule {}
