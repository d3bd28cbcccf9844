import { Body, Controller, Get, Header, HttpCode, HttpException, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { emailAddressSchema, EventQuestion, Language, PublicNetworkEventView, RegisterResponse } from '@hub/contracts';
import { Public } from '../auth/auth.decorators';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { NotAParticipatingOrganisationError, PublicRegistrationRequests } from '../network-events/public-registration.requests';
import { MembershipsService } from '../organisations/memberships.service';
import { button, checkboxField, choiceGroup, errorSummary, facts, FieldErrors, hiddenFields, notice, paragraphs, selectField, textField } from '../pages/page-components';
import { html, PageRenderer, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { SignUpRateLimited } from '../security/rate-limits';
import { eventCards, upcoming } from './event-cards';
import { inLanguage, pageLanguage, SitePages } from './site-pages.translator';
import { PageNotFoundFilter } from '../pages/page-not-found.filter';

const HTML = 'text/html; charset=utf-8';
/** Question fields are named q-<id> (ids are [a-z0-9-]), flat, so the form needs no nested body parsing. */
const QUESTION_PREFIX = 'q-';

type FormValues = Record<string, string>;

interface RegistrationForm {
  values: FormValues;
  errors: FieldErrors;
  /** Shown above the form when the hub, not a field, refused the registration. */
  problem?: string;
}

/** A network's events and the registration form; they work without JavaScript and keep what was typed. */
@Public()
@ApiExcludeController()
@UseFilters(PageNotFoundFilter)
@Controller('networks/:slug/events')
export class EventPagesController {
  constructor(
    private readonly networks: NetworksService,
    private readonly scheduling: SchedulingClient,
    private readonly pages: PageRenderer,
    private readonly site: SitePages,
    private readonly registrations: PublicRegistrationRequests,
    private readonly memberships: MembershipsService,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async list(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = pageLanguage(network, lang);
    const t = this.site.t(language);
    const events = upcoming(await this.scheduling.publicEvents(network._id));
    const body = events.length === 0 ? html`<p>${t('events.none')}</p>` : eventCards(this.site, events, network.slug, language, network.defaultLanguage, 2);
    return this.pages.render({
      language,
      network,
      title: t('events.title'),
      alternates: { languages: network.languages, href: (other) => `/networks/${network.slug}/events?lang=${other}` },
      body: html`<h1>${t('events.title')}</h1><p class="lead">${t('events.intro', { network: network.name })}</p>
${raw(body)}
<p><a href="/api/v1/networks/${network.slug}/calendar.ics?lang=${language}">${this.site.t(language)('landing.calendarFeed')}</a></p>`,
    });
  }

  @Get(':eventId')
  @Header('content-type', HTML)
  async page(@Param('slug') slug: string, @Param('eventId') eventId: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const event = await this.scheduling.publicEvent(network._id, eventId);
    return this.renderEvent(network, event, pageLanguage(network, lang), { values: {}, errors: {} });
  }

  @Post(':eventId/register')
  @SignUpRateLimited()
  @HttpCode(200)
  @Header('content-type', HTML)
  async register(
    @Param('slug') slug: string,
    @Param('eventId') eventId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const event = await this.scheduling.publicEvent(network._id, eventId);
    const language = pageLanguage(network, body.language);
    const values = Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const { errors, answers } = this.check(event, values, language);
    if (event.visibility === 'members' && !values.organisationId) errors.organisationId = this.site.t(language)('register.errors.organisationId');
    if (Object.keys(errors).length > 0) {
      res.status(400);
      return this.renderEvent(network, event, language, { values, errors });
    }
    let answer: RegisterResponse;
    try {
      const request = await this.registrations.toInternal(network, {
        name: values.name.trim(),
        email: values.email.trim(),
        organisation: (values.organisation ?? '').trim(),
        organisationId: values.organisationId || undefined,
        language,
        answers,
        consent: true,
      });
      answer = await this.scheduling.register(network._id, event.id, request);
    } catch (error) {
      if (error instanceof NotAParticipatingOrganisationError) {
        res.status(400);
        return this.renderEvent(network, event, language, { values, errors: { organisationId: this.site.t(language)('register.errors.organisationId') } });
      }
      if (!(error instanceof HttpException) || error.getStatus() >= 500 || error.getStatus() === 404) throw error;
      res.status(error.getStatus());
      return this.renderEvent(network, event, language, { values, errors: {}, problem: this.site.t(language)('register.errors.closed') });
    }
    const t = this.site.t(language);
    const title = t(`register.done.${answer.status}`);
    const eventTitle = inLanguage(event.title, language, network.defaultLanguage);
    return this.pages.render({
      language,
      network,
      title,
      body: html`<h1>${title}</h1>
${raw(notice('success', raw(html`<p><strong${raw(eventTitle.lang === language ? '' : html` lang="${eventTitle.lang}"`)}>${eventTitle.text}</strong></p><p>${t('register.doneBody', { email: values.email.trim() })}</p>`)))}
<p><a href="/networks/${network.slug}/events/${event.id}?lang=${language}">${t('register.back')}</a></p>`,
    });
  }

  /** The same rules scheduling applies, checked here first so each message stands beside its field in the page's language. */
  private check(event: PublicNetworkEventView, values: FormValues, language: Language): { errors: FieldErrors; answers: Record<string, string | boolean> } {
    const t = this.site.t(language);
    const errors: FieldErrors = {};
    const name = (values.name ?? '').trim();
    if (name.length === 0 || name.length > 200) errors.name = t('register.errors.name');
    if (!emailAddressSchema.safeParse((values.email ?? '').trim()).success) errors.email = t('register.errors.email');
    const answers: Record<string, string | boolean> = {};
    for (const question of event.questions) {
      const field = `${QUESTION_PREFIX}${question.id}`;
      const value = (values[field] ?? '').trim();
      if (value === '') {
        if (question.required) errors[field] = t('register.errors.required');
        continue;
      }
      if (question.kind === 'yes-no') answers[question.id] = value === 'yes';
      else if (question.kind === 'consent') answers[question.id] = value === 'true';
      else if (question.kind === 'choice' && !question.options?.some((option) => option.id === value)) errors[field] = t('register.errors.required');
      else answers[question.id] = value.slice(0, 2_000);
    }
    if (values.consent !== 'true') errors.consent = t('register.errors.consent');
    return { errors, answers };
  }

  private async renderEvent(network: Network, event: PublicNetworkEventView, language: Language, form: RegistrationForm): Promise<string> {
    const t = this.site.t(language);
    // A members-only event asks for the organisation from the network's list, which the gateway checks on submit.
    const organisations = event.visibility === 'members' ? await this.memberships.participatingOrganisations(network._id) : null;
    const title = inLanguage(event.title, language, network.defaultLanguage);
    const description = inLanguage(event.description, language, network.defaultLanguage);
    const availability = this.site.availability(event, language);
    const titleLang = raw(title.lang === language ? '' : html` lang="${title.lang}"`);
    return this.pages.render({
      language,
      network,
      title: title.text,
      alternates: { languages: network.languages, href: (other) => `/networks/${network.slug}/events/${event.id}?lang=${other}` },
      body: html`<p><a href="/networks/${network.slug}/events?lang=${language}">${t('events.title')}</a></p>
<h1${titleLang}>${title.text}</h1>
${raw(
  facts([
    [t('events.when'), raw(html`<time datetime="${event.startsAt}">${this.site.when(event, language)}</time>`)],
    [t('events.where'), this.site.where(event, language)],
    [t('events.organiser'), event.organiser.name],
  ]),
)}
${raw(paragraphs(description.text, description.lang === language ? undefined : description.lang))}
<h2 id="register">${t('register.heading')}</h2>
<p><strong>${availability.text}</strong></p>
${raw(availability.open ? this.registrationForm(network, event, language, form, organisations) : '')}`,
    });
  }

  private registrationForm(
    network: Network,
    event: PublicNetworkEventView,
    language: Language,
    form: RegistrationForm,
    organisations: Array<{ id: string; name: string }> | null,
  ): string {
    const t = this.site.t(language);
    const { values, errors } = form;
    const questions = event.questions.map((question) => this.questionField(question, language, network.defaultLanguage, values, errors)).join('\n');
    return html`${raw(event.approvalRequired ? html`<p>${t('events.approval')}</p>` : '')}
${raw(event.seatsLeft === 0 ? notice('info', t('register.fullNotice')) : '')}
${raw(form.problem ? notice('error', form.problem) : '')}
${raw(errorSummary(this.pages.t(language)('form.errorSummary'), errors))}
<form method="post" action="/networks/${network.slug}/events/${event.id}/register" novalidate>
${raw(hiddenFields({ language }))}
${raw(textField({ name: 'name', label: t('register.name'), value: values.name, autocomplete: 'name', required: true, maxlength: 200, error: errors.name }))}
${raw(textField({ name: 'email', type: 'email', label: t('register.email'), value: values.email, autocomplete: 'email', required: true, error: errors.email }))}
${raw(
  organisations
    ? selectField({
        name: 'organisationId',
        label: t('register.memberOrganisation'),
        options: [{ value: '', label: t('register.chooseOrganisation') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))],
        value: values.organisationId,
        required: true,
        error: errors.organisationId,
      })
    : textField({ name: 'organisation', label: t('register.organisation'), value: values.organisation, autocomplete: 'organization', maxlength: 200 }),
)}
${raw(questions)}
${raw(checkboxField({ name: 'consent', label: t('register.consent'), checked: values.consent === 'true', required: true, error: errors.consent }))}
${raw(button(t('register.submit')))}
</form>`;
  }

  private questionField(question: EventQuestion, language: Language, fallback: Language, values: FormValues, errors: FieldErrors): string {
    const t = this.site.t(language);
    const name = `${QUESTION_PREFIX}${question.id}`;
    const label = `${inLanguage(question.label, language, fallback).text}${question.required ? '' : ` ${t('register.optional')}`}`;
    const error = errors[name];
    switch (question.kind) {
      case 'text':
        return textField({ name, label, value: values[name], required: question.required, maxlength: 2_000, error });
      case 'choice':
        return choiceGroup({
          name,
          label,
          type: 'radio',
          error,
          options: (question.options ?? []).map((option) => ({ value: option.id, label: inLanguage(option.label, language, fallback).text, checked: values[name] === option.id })),
        });
      case 'yes-no':
        return choiceGroup({
          name,
          label,
          type: 'radio',
          error,
          options: [
            { value: 'yes', label: t('register.yes'), checked: values[name] === 'yes' },
            { value: 'no', label: t('register.no'), checked: values[name] === 'no' },
          ],
        });
      case 'consent':
        return checkboxField({ name, label, required: question.required, checked: values[name] === 'true', error });
    }
  }
}
