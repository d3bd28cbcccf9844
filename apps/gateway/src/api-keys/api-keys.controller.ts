import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateApiKey, createApiKeySchema } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequireRole('owner')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createApiKeySchema)) body: CreateApiKey) {
    return this.keys.create(principal, body);
  }

  @Get()
  @RequireRole('owner')
  list(@CurrentPrincipal() principal: Principal) {
    return this.keys.list(principal);
  }

  @Delete(':id')
  @RequireRole('owner')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.keys.revoke(principal, id);
  }
}
