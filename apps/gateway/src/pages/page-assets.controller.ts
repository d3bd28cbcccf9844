import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { PAGE_CSS } from './page-styles';

/**
 * The pages' stylesheet. Pages link it with its content hash in the query (PAGE_CSS_HREF), so it can be cached for a
 * year: a changed stylesheet has a new URL.
 */
@Public()
@ApiExcludeController()
@Controller('assets')
export class PageAssetsController {
  @Get('hub.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  stylesheet(): string {
    return PAGE_CSS;
  }
}
