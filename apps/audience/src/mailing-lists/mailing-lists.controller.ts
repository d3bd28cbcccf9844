import { Controller, Get, Param } from '@nestjs/common';
import type { PublicMailingList } from '@hub/contracts';
import { MailingListRepository } from './mailing-list.repository';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/lists')
export class MailingListsController {
  constructor(private readonly lists: MailingListRepository) {}

  @Get('public')
  async listPublic(@Param('networkId') networkId: string): Promise<PublicMailingList[]> {
    const lists = await this.lists.findAllPublic(networkId);
    return lists.map((list) => ({ id: list._id, names: list.names }));
  }
}
