import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Language } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { Public } from '../auth/auth.decorators';
import { isLanguage } from '../pages/page.renderer';
import { MunicipalityLookupPage } from './municipality-lookup.page';
import { LookupAnswer, SearchQuery, searchQuerySchema } from './organisations.dto';
import { OrganisationsService } from './organisations.service';

const HTML = 'text/html; charset=utf-8';

/** "Which networks is my municipality in?", for anyone: as JSON and as a page. */
@Public()
@ApiTags('public')
@Controller()
export class MunicipalityLookupController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly lookupPage: MunicipalityLookupPage,
  ) {}

  @Get('api/v1/public/municipality-lookup')
  lookup(@Query(new ZodValidationPipe(searchQuerySchema)) { q }: SearchQuery): Promise<LookupAnswer> {
    return this.organisations.lookup(q);
  }

  /** Without `q` the page shows the form; with one it answers below the form, or says what is wrong with it (400). */
  @Get('lookup')
  @ApiExcludeEndpoint()
  @Header('content-type', HTML)
  async page(@Query('q') q: unknown, @Query('lang') lang: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const language: Language = isLanguage(lang) ? lang : 'en';
    if (q === undefined) return this.lookupPage.render(language, { query: '' });
    const parsed = searchQuerySchema.safeParse({ q });
    if (!parsed.success) {
      res.status(400);
      return this.lookupPage.render(language, { query: typeof q === 'string' ? q : '', invalid: true });
    }
    return this.lookupPage.render(language, { query: parsed.data.q, answer: await this.organisations.lookup(parsed.data.q) });
  }
}
