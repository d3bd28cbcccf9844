import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { unknownDeliveryFilterSchema } from '@hub/contracts';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DeliveryConsoleClient } from '../delivery/delivery-console.client';
import { html, raw } from '../pages/page.renderer';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { formText } from './console-forms';
import { ConsolePages } from './console-pages';

const PAGE_SIZE = 50;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/**
 * Delivery in the console, through the same DeliveryConsoleClient calls as api/v1/delivery: the messages delivery
 * cannot account for (their process died during the SMTP call), each with a resend a coordinator decides on, and
 * for owners the mail queues' job counts (they span every network, so the API shows them to owners only).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/delivery')
export class ConsoleDeliveryController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly delivery: DeliveryConsoleClient,
  ) {}

  @Get()
  @RequireRole('viewer')
  async overview(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const filter = unknownDeliveryFilterSchema.parse({ limit: PAGE_SIZE, cursor: formText(query.cursor) });
    const [page, queues] = await Promise.all([this.delivery.unknowns(principal.networkId, filter), context.can('owner') ? this.delivery.queues() : undefined]);
    const n = (value: number) => this.pages.number(context, value);
    const queueTable = queues
      ? html`<table><caption>${t('delivery.queuesCaption')}</caption><thead><tr><th scope="col">${t('delivery.queue')}</th>${raw(QUEUE_STATES.map((state) => html`<th scope="col">${t(`delivery.queueStates.${state}`)}</th>`).join(''))}</tr></thead><tbody>${raw(
          Object.entries(queues)
            .map(([name, counts]) => html`<tr><th scope="row">${name}</th>${raw(QUEUE_STATES.map((state) => html`<td>${n(counts[state])}</td>`).join(''))}</tr>`)
            .join(''),
        )}</tbody></table>`
      : '';
    const rows = page.items
      .map((item) => {
        const resend = item.resentAs
          ? t('delivery.resent')
          : context.can('coordinator')
            ? html`<form method="post" action="/console/delivery/unknowns/${item.id}/resend" class="inline-form">${raw(this.pages.csrf(context))}<button type="submit" class="button button--secondary">${t('delivery.resend', { recipient: item.recipient })}</button></form>`
            : '';
        return html`<tr><th scope="row">${item.recipient}</th><td>${item.source}</td><td>${item.queue}</td><td>${this.pages.dateTime(context, item.claimedAt)}</td><td>${raw(resend)}</td></tr>`;
      })
      .join('');
    const unknowns = page.items.length
      ? html`<table><caption>${t('delivery.unknownsCaption')}</caption><thead><tr><th scope="col">${t('delivery.recipient')}</th><th scope="col">${t('delivery.source')}</th><th scope="col">${t('delivery.queue')}</th><th scope="col">${t('delivery.claimedAt')}</th><th scope="col">${t('delivery.action')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<p>${t('delivery.noUnknowns')}</p>`;
    const paging = page.nextCursor ? html`<p><a href="/console/delivery?cursor=${encodeURIComponent(page.nextCursor)}" rel="next">${t('delivery.next')}</a></p>` : '';
    const body = html`<h1>${t('delivery.title')}</h1>
${raw(formText(query.done) === 'resent' ? this.pages.outcome(t('delivery.done')) : '')}
${raw(queueTable)}
<h2>${t('delivery.unknownsTitle')}</h2>
<p>${t('delivery.unknownsIntro')}</p>
${raw(unknowns)}
${raw(paging)}`;
    res.type('html').send(await this.pages.render(context, 'delivery', t('delivery.title'), body));
  }

  /** As POST api/v1/delivery/unknowns/:id/resend: one more copy; asking again sends none. */
  @Post('unknowns/:id/resend')
  @RequireRole('coordinator')
  async resend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.delivery.resend(principal.networkId, id);
    res.redirect(303, '/console/delivery?done=resent');
  }
}
