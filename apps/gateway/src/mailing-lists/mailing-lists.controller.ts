import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateMailingList, createMailingListSchema, MailingListView, UpdateMailingList, updateMailingListSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';

/** The caller's network's mailing lists; audience owns them, the network comes from the principal only. */
@ApiTags('mailing lists')
@Controller('api/v1/lists')
export class MailingListsController {
  constructor(private readonly audience: AudienceClient) {}

  @Get()
  @RequireRole('viewer')
  list(@CurrentPrincipal() principal: Principal): Promise<MailingListView[]> {
    return this.audience.lists(principal.networkId);
  }

  @Post()
  @RequireRole('coordinator')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createMailingListSchema)) body: CreateMailingList): Promise<MailingListView> {
    return this.audience.createList(principal.networkId, body);
  }

  @Get(':listId')
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal, @Param('listId') listId: string): Promise<MailingListView> {
    return this.audience.list(principal.networkId, listId);
  }

  @Patch(':listId')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('listId') listId: string,
    @Body(new ZodValidationPipe(updateMailingListSchema)) body: UpdateMailingList,
  ): Promise<MailingListView> {
    return this.audience.updateList(principal.networkId, listId, body);
  }

  /** Archived lists leave the public page and take no new subscribers; their records stay. */
  @Post(':listId/archive')
  @RequireRole('coordinator')
  @HttpCode(200)
  archive(@CurrentPrincipal() principal: Principal, @Param('listId') listId: string): Promise<MailingListView> {
    return this.audience.archiveList(principal.networkId, listId);
  }
}
