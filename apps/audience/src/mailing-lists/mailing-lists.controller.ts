import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  CreateMailingList,
  createMailingListSchema,
  MailingListView,
  PublicMailingList,
  UpdateMailingList,
  updateMailingListSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { MailingListRepository } from './mailing-list.repository';
import { MailingListsService } from './mailing-lists.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/lists')
export class MailingListsController {
  constructor(
    private readonly lists: MailingListRepository,
    private readonly service: MailingListsService,
  ) {}

  @Get('public')
  async listPublic(@Param('networkId') networkId: string): Promise<PublicMailingList[]> {
    const lists = await this.lists.findAllPublic(networkId);
    return lists.map((list) => ({ id: list._id, names: list.names }));
  }

  @Get()
  list(@Param('networkId') networkId: string): Promise<MailingListView[]> {
    return this.service.list(networkId);
  }

  @Post()
  create(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(createMailingListSchema)) body: CreateMailingList): Promise<MailingListView> {
    return this.service.create(networkId, body);
  }

  @Get(':listId')
  get(@Param('networkId') networkId: string, @Param('listId') listId: string): Promise<MailingListView> {
    return this.service.get(networkId, listId);
  }

  @Patch(':listId')
  update(
    @Param('networkId') networkId: string,
    @Param('listId') listId: string,
    @Body(new ZodValidationPipe(updateMailingListSchema)) body: UpdateMailingList,
  ): Promise<MailingListView> {
    return this.service.update(networkId, listId, body);
  }

  @Post(':listId/archive')
  @HttpCode(200)
  archive(@Param('networkId') networkId: string, @Param('listId') listId: string): Promise<MailingListView> {
    return this.service.archive(networkId, listId);
  }
}
