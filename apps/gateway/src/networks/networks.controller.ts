import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { NetworksService } from './networks.service';

@Public()
@Controller('api/v1/networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  async list() {
    const networks = await this.networks.listPublic();
    return networks.map(({ _id, slug, name, country, defaultLanguage, languages, description }) => ({
      id: _id,
      slug,
      name,
      country,
      defaultLanguage,
      languages,
      description,
    }));
  }
}
