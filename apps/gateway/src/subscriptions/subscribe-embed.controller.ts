import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@hub/config';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../gateway.config';
import { NetworksService } from '../networks/networks.service';
import { pageLanguage } from '../network-site/site-pages.translator';
import { PageRenderer } from '../pages/page.renderer';
import { SUBSCRIBE_EMBED_SCRIPT, subscribeSnippet } from './subscribe-embed';

export interface SubscribeSnippetView {
  language: string;
  /** Paste into any page of the network's own site; works without the script. */
  html: string;
  scriptUrl: string;
}

/** The sign-up form for networks' own sites: the snippet coordinators copy, and its optional script. */
@ApiTags('subscriptions')
@Controller()
export class SubscribeEmbedController {
  private readonly baseUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly networks: NetworksService,
    private readonly audience: AudienceClient,
    private readonly pages: PageRenderer,
  ) {
    this.baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }

  /** The snippet for the caller's network, in `lang` when the network offers it, with its public lists. */
  @Get('api/v1/subscribe-snippet')
  @RequireRole('viewer')
  async snippet(@CurrentPrincipal() principal: Principal, @Query('lang') lang?: string): Promise<SubscribeSnippetView> {
    const network = await this.networks.byId(principal.networkId);
    const language = pageLanguage(network, lang);
    const lists = await this.audience.publicLists(network._id);
    const snippet = subscribeSnippet({ baseUrl: this.baseUrl, slug: network.slug, language, lists, t: this.pages.t(language) });
    return { language, ...snippet };
  }

  /** Loaded by other sites, so it must be allowed cross-origin (helmet's default resource policy is same-origin). */
  @Get('embed/subscribe.js')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cross-origin-resource-policy', 'cross-origin')
  @Header('cache-control', 'public, max-age=86400')
  script(): string {
    return SUBSCRIBE_EMBED_SCRIPT;
  }
}
