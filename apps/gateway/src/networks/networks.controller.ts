import { Controller, Get } from '@nestjs/common';
import { NetworksService } from './networks.service';

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
