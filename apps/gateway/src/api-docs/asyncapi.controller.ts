import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { asyncApiDocument } from '@hub/contracts';
import { Public } from '../auth/auth.decorators';

/** The events' contract, beside the OpenAPI document at /api/docs. */
@Public()
@ApiExcludeController()
@Controller('api/docs')
export class AsyncApiController {
  private readonly document = asyncApiDocument();

  @Get('asyncapi.json')
  asyncApi() {
    return this.document;
  }
}
