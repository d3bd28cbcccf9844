import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { roleSchema } from '../auth/role';
import { CoordinatorsService } from './coordinators.service';

const changeRoleSchema = z.object({ role: roleSchema });

@ApiTags('coordinators')
@Controller('api/v1/coordinators')
export class CoordinatorsController {
  constructor(private readonly coordinators: CoordinatorsService) {}

  @Get()
  @RequireRole('coordinator')
  list(@CurrentPrincipal() principal: Principal) {
    return this.coordinators.list(principal);
  }

  @Patch(':accountId')
  @RequireRole('owner')
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId') accountId: string,
    @Body(new ZodValidationPipe(changeRoleSchema)) body: z.infer<typeof changeRoleSchema>,
  ) {
    return this.coordinators.changeRole(principal, accountId, body.role);
  }

  @Delete(':accountId')
  @RequireRole('owner')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('accountId') accountId: string): Promise<void> {
    await this.coordinators.remove(principal, accountId);
  }
}
