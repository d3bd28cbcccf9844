import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LANGUAGES, reminderOffsetMinutes, schedulingSettingsSchema, type Language } from '@hub/contracts';
import { LOCALE_OF } from '@hub/mail';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { auditCursorSchema, nextAuditCursor } from '../audit/audit-log.controller';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ROLES, type Role } from '../auth/role';
import { CoordinatorsService } from '../coordinators/coordinators.service';
import { createInvitationSchema } from '../invitations/invitations.dto';
import { InvitationsService } from '../invitations/invitations.service';
import type { Network } from '../networks/network.schema';
import { networkSettingsSchema } from '../networks/network-settings.dto';
import { DefaultLanguageNotOfferedError, NetworkChangedMeanwhileError, NetworksService } from '../networks/networks.service';
import { button, checkboxField, choiceGroup, errorSummary, facts, FieldErrors, hiddenFields, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleContext, ConsolePages } from './console-pages';
import { fieldErrors, formList, formText } from './console-forms';

const AUDIT_PAGE_SIZE = 50;

type SettingsSection = 'profile' | 'reminders' | 'coordinators' | 'apiKeys' | 'audit';

const SECTIONS: Array<{ section: SettingsSection; href: string; label: string; role: Role }> = [
  { section: 'profile', href: '/console/settings', label: 'settings.title', role: 'viewer' },
  { section: 'reminders', href: '/console/settings/reminders', label: 'schedulingSettings.title', role: 'viewer' },
  { section: 'coordinators', href: '/console/settings/coordinators', label: 'coordinators.title', role: 'coordinator' },
  { section: 'apiKeys', href: '/console/settings/api-keys', label: 'apiKeys.title', role: 'owner' },
  { section: 'audit', href: '/console/settings/audit', label: 'audit.title', role: 'owner' },
];

/** What the settings form shows: the network's values, or what the owner typed when it was refused. */
interface SettingsValues {
  name?: string;
  description?: string;
  timeZone?: string;
  isPublic: boolean;
  languages: string[];
  defaultLanguage?: string;
  logoUrl?: string;
  accentColor?: string;
  fromName?: string;
  fromAddress?: string;
  replyTo?: string;
  postalAddress?: string;
}

/**
 * The reminder times offered as checkboxes: a choice among common times cannot be mistyped, unlike ISO durations in a
 * text field. Times set through the API that are not among them are offered too, so saving the form keeps them.
 */
const COMMON_REMINDER_OFFSETS = ['PT30M', 'PT1H', 'P1D', 'P2D', 'P7D', 'P14D'];

/** The reminders and retention form: the scheduling settings' values, or what the owner sent when it was refused. */
interface ReminderValues {
  reminderOffsets: string[];
  retentionDays?: string;
}

/**
 * The network's settings in the console: profile, languages, branding and sender identity (owners change them with
 * the same rules as PATCH api/v1/network; others read them), coordinators, API keys and the audit log, each readable
 * by the roles the JSON API allows.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/settings')
export class ConsoleSettingsController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly networks: NetworksService,
    private readonly coordinators: CoordinatorsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditLogRepository,
    private readonly invitations: InvitationsService,
    private readonly scheduling: SchedulingClient,
  ) {}

  @Get()
  @RequireRole('viewer')
  async settings(@CurrentPrincipal() principal: Principal, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const outcome = done === 'saved' ? notice('success', context.t('settings.saved')) : '';
    res.type('html').send(await this.settingsPage(context, valuesOf(context.network), {}, outcome));
  }

  /** The whole form is one PATCH of the profile; the revision it showed guards against overwriting someone else's change. */
  @Post()
  @RequireRole('owner')
  async update(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const values: SettingsValues = {
      name: formText(form.name),
      description: formText(form.description),
      timeZone: formText(form.timeZone),
      isPublic: form.isPublic === 'true',
      languages: formList(form.languages),
      defaultLanguage: formText(form.defaultLanguage),
      logoUrl: formText(form.logoUrl),
      accentColor: formText(form.accentColor),
      fromName: formText(form.fromName),
      fromAddress: formText(form.fromAddress),
      replyTo: formText(form.replyTo),
      postalAddress: formText(form.postalAddress),
    };
    const parsed = networkSettingsSchema.safeParse(changedSettings(context.network, values));
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, (field) => t(`settings.errors.${field}`));
      res.status(400).type('html').send(await this.settingsPage(context, values, errors, ''));
      return;
    }
    const revision = Number(formText(form.revision));
    if (Object.keys(parsed.data).length === 0) {
      res.redirect(303, '/console/settings?done=saved');
      return;
    }
    try {
      await this.networks.updateSettings(principal.networkId, parsed.data, Number.isInteger(revision) ? revision : undefined);
      res.redirect(303, '/console/settings?done=saved');
    } catch (error) {
      if (error instanceof DefaultLanguageNotOfferedError) {
        res.status(400).type('html').send(await this.settingsPage(context, values, { defaultLanguage: t('settings.errors.defaultLanguage') }, ''));
        return;
      }
      if (!(error instanceof NetworkChangedMeanwhileError)) throw error;
      const current = await this.networks.byId(principal.networkId);
      res.status(409).type('html').send(await this.settingsPage({ ...context, network: current }, valuesOf(current), {}, notice('error', t('settings.conflict'))));
    }
  }

  @Get('reminders')
  @RequireRole('viewer')
  async reminders(@CurrentPrincipal() principal: Principal, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const settings = await this.scheduling.settings(principal.networkId);
    const outcome = done === 'saved' ? notice('success', context.t('schedulingSettings.saved')) : '';
    const values = { reminderOffsets: settings.reminderOffsets, retentionDays: String(settings.retentionDays) };
    res.type('html').send(await this.section(context, 'reminders', this.remindersBody(context, values, {}, outcome)));
  }

  /** As PATCH api/v1/scheduling-settings with `reminderOffsets` and `retentionDays`; the planner is left as it is. */
  @Post('reminders')
  @RequireRole('owner')
  async updateReminders(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const values: ReminderValues = { reminderOffsets: formList(form.reminderOffsets), retentionDays: formText(form.retentionDays) };
    const parsed = schedulingSettingsSchema.pick({ reminderOffsets: true, retentionDays: true }).safeParse({
      reminderOffsets: values.reminderOffsets,
      retentionDays: values.retentionDays && /^\d+$/.test(values.retentionDays) ? Number(values.retentionDays) : values.retentionDays,
    });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, (field) => context.t(`schedulingSettings.errors.${field}`));
      res.status(400).type('html').send(await this.section(context, 'reminders', this.remindersBody(context, values, errors, '')));
      return;
    }
    const reminderOffsets = [...parsed.data.reminderOffsets].sort((a, b) => (reminderOffsetMinutes(b) ?? 0) - (reminderOffsetMinutes(a) ?? 0));
    await this.scheduling.updateSettings(principal.networkId, { reminderOffsets, retentionDays: parsed.data.retentionDays });
    res.redirect(303, '/console/settings/reminders?done=saved');
  }

  @Get('coordinators')
  @RequireRole('coordinator')
  async coordinatorList(@CurrentPrincipal() principal: Principal, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const outcome = done === 'invited' || done === 'revoked' ? notice('success', context.t(`invitations.done.${done}`)) : '';
    res.type('html').send(await this.coordinatorsPage(context, { role: 'coordinator' }, {}, outcome));
  }

  /** As POST api/v1/invitations: the invited person gets an email with a link that expires. */
  @Post('coordinators/invitations')
  @RequireRole('owner')
  async invite(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const values = { email: formText(form.email), role: formText(form.role) };
    const parsed = createInvitationSchema.safeParse(values);
    if (!parsed.success) {
      const context = await this.pages.context(principal, req, res);
      const errors = fieldErrors(parsed.error, (field) => context.t(`invitations.errors.${field}`));
      res.status(400).type('html').send(await this.coordinatorsPage(context, values, errors, ''));
      return;
    }
    await this.invitations.invite(principal, parsed.data);
    res.redirect(303, '/console/settings/coordinators?done=invited');
  }

  /** As DELETE api/v1/invitations/:id: the link stops working at once. */
  @Post('coordinators/invitations/:id/revoke')
  @RequireRole('owner')
  async revokeInvitation(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.invitations.revoke(principal, id);
    res.redirect(303, '/console/settings/coordinators?done=revoked');
  }

  @Get('api-keys')
  @RequireRole('owner')
  async apiKeyList(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const keys = await this.apiKeys.list(principal);
    const rows = keys
      .map(
        (key) =>
          html`<tr><th scope="row">${key.name}</th><td>${t(`roles.${key.role}`)}</td><td>${key.createdBy}</td><td>${this.pages.dateTime(context, key.createdAt)}</td><td>${key.lastUsedAt ? this.pages.dateTime(context, key.lastUsedAt) : t('apiKeys.never')}</td><td>${key.revokedAt ? t('apiKeys.revoked', { date: this.pages.dateTime(context, key.revokedAt) }) : t('apiKeys.active')}</td></tr>`,
      )
      .join('');
    const body = keys.length
      ? html`<table><caption>${t('apiKeys.caption')}</caption><thead><tr><th scope="col">${t('apiKeys.name')}</th><th scope="col">${t('apiKeys.role')}</th><th scope="col">${t('apiKeys.createdBy')}</th><th scope="col">${t('apiKeys.createdAt')}</th><th scope="col">${t('apiKeys.lastUsed')}</th><th scope="col">${t('apiKeys.state')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<p>${t('apiKeys.none')}</p>`;
    res.type('html').send(await this.section(context, 'apiKeys', body));
  }

  /** Newest first, 50 a page, paged with the same cursor as GET api/v1/audit-log. */
  @Get('audit')
  @RequireRole('owner')
  async auditLog(@CurrentPrincipal() principal: Principal, @Query('cursor') cursor: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const after = auditCursorSchema.optional().safeParse(formText(cursor));
    const entries = await this.audit.find(principal.networkId, { limit: AUDIT_PAGE_SIZE, after: after.success ? after.data : undefined });
    const next = nextAuditCursor(entries, AUDIT_PAGE_SIZE);
    const rows = entries
      .map((entry) => html`<tr><td>${this.pages.dateTime(context, entry.at)}</td><td>${entry.actor.label}</td><td><code>${entry.action}</code>${Object.keys(entry.target ?? {}).length ? ` (${Object.values(entry.target).join(', ')})` : ''}</td><td>${entry.status}</td></tr>`)
      .join('');
    const paging = [after.success && after.data ? html`<li><a href="/console/settings/audit">${t('audit.newest')}</a></li>` : '', next ? html`<li><a href="/console/settings/audit?cursor=${next}" rel="next">${t('audit.older')}</a></li>` : '']
      .filter(Boolean)
      .join('');
    const body = entries.length
      ? html`<table><caption>${t('audit.caption')}</caption><thead><tr><th scope="col">${t('audit.at')}</th><th scope="col">${t('audit.actor')}</th><th scope="col">${t('audit.action')}</th><th scope="col">${t('audit.result')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>${raw(paging ? html`<nav aria-label="${t('audit.title')}"><ul class="pager">${raw(paging)}</ul></nav>` : '')}`
      : html`<p>${t('audit.none')}</p>`;
    res.type('html').send(await this.section(context, 'audit', body));
  }

  /** The people of the network; for owners also the invitation form and the invitations still open, each revocable. */
  private async coordinatorsPage(context: ConsoleContext, values: { email?: string; role?: string }, errors: FieldErrors, outcome: string): Promise<string> {
    const { t, principal } = context;
    const people = await this.coordinators.list(principal);
    const rows = people
      .map((person) => html`<tr><th scope="row">${person.name}</th><td>${person.email}</td><td>${t(`roles.${person.role}`)}</td><td>${person.lastSignInAt ? this.pages.dateTime(context, person.lastSignInAt) : t('coordinators.never')}</td></tr>`)
      .join('');
    const table = html`<table><caption>${t('coordinators.caption')}</caption><thead><tr><th scope="col">${t('coordinators.name')}</th><th scope="col">${t('coordinators.email')}</th><th scope="col">${t('coordinators.role')}</th><th scope="col">${t('coordinators.lastSignIn')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`;
    if (!context.can('owner')) return this.section(context, 'coordinators', html`${raw(outcome)}${raw(table)}`);
    const now = new Date();
    const pending = (await this.invitations.list(principal)).filter((invitation) => !invitation.acceptedAt && !invitation.revokedAt && new Date(invitation.expiresAt) > now);
    const pendingRows = pending
      .map(
        (invitation) =>
          html`<tr><th scope="row">${invitation.email}</th><td>${t(`roles.${invitation.role}`)}</td><td>${invitation.invitedBy}</td><td>${this.pages.dateTime(context, invitation.expiresAt)}</td><td><form method="post" action="/console/settings/coordinators/invitations/${invitation._id}/revoke" class="inline-form">${raw(this.pages.csrf(context))}${raw(button(t('invitations.revoke', { email: invitation.email }), { variant: 'secondary' }))}</form></td></tr>`,
      )
      .join('');
    const pendingTable = pending.length
      ? html`<table><caption>${t('invitations.caption')}</caption><thead><tr><th scope="col">${t('invitations.email')}</th><th scope="col">${t('invitations.role')}</th><th scope="col">${t('invitations.invitedBy')}</th><th scope="col">${t('invitations.expiresAt')}</th><th scope="col">${t('invitations.action')}</th></tr></thead><tbody>${raw(pendingRows)}</tbody></table>`
      : html`<p>${t('invitations.none')}</p>`;
    const form = html`<form method="post" action="/console/settings/coordinators/invitations" novalidate>${raw(this.pages.csrf(context))}
${raw(textField({ name: 'email', type: 'email', label: t('invitations.email'), required: true, autocomplete: 'off', value: values.email, error: errors.email }))}
${raw(selectField({ name: 'role', label: t('invitations.role'), value: values.role, error: errors.role, options: ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })) }))}
${raw(button(t('invitations.submit')))}</form>`;
    return this.section(
      context,
      'coordinators',
      html`${raw(outcome)}${raw(errorSummary(t('errorSummary'), errors))}${raw(table)}<h2>${t('invitations.inviteHeading')}</h2><p>${t('invitations.hint')}</p>${raw(form)}<h2>${t('invitations.pendingHeading')}</h2>${raw(pendingTable)}`,
    );
  }

  private async section(context: ConsoleContext, section: SettingsSection, body: string): Promise<string> {
    const title = context.t(SECTIONS.find((s) => s.section === section)!.label);
    return this.pages.render(context, 'settings', title, html`<h1>${title}</h1>${raw(this.sectionNav(context, section))}${raw(body)}`);
  }

  private sectionNav(context: ConsoleContext, current: SettingsSection): string {
    const links = SECTIONS.filter((s) => context.can(s.role))
      .map((s) => html`<li><a href="${s.href}"${raw(s.section === current ? ' aria-current="page"' : '')}>${context.t(s.label)}</a></li>`)
      .join('');
    return html`<nav class="sub-nav" aria-label="${context.t('settings.sections')}"><ul>${raw(links)}</ul></nav>`;
  }

  /** Owners get the form (checkboxes, errors beside the fields), everyone else the values in words. */
  private remindersBody(context: ConsoleContext, values: ReminderValues, errors: FieldErrors, outcome: string): string {
    const { t, language } = context;
    const intro = html`${raw(outcome)}<p>${t('schedulingSettings.intro')}</p>`;
    if (!context.can('owner')) {
      const chosen = values.reminderOffsets.map((offset) => offsetLabel(offset, language)).join(', ') || t('schedulingSettings.none');
      const days = unitText(Number(values.retentionDays), 'day', language);
      return html`${raw(notice('info', t('settings.readOnly')))}${raw(intro)}${raw(facts([[t('schedulingSettings.offsets'), chosen], [t('schedulingSettings.retentionDays'), days]]))}`;
    }
    const offered = [...new Set([...COMMON_REMINDER_OFFSETS, ...values.reminderOffsets.map((offset) => offset.toUpperCase())])]
      .filter((offset) => reminderOffsetMinutes(offset) !== null)
      .sort((a, b) => reminderOffsetMinutes(a)! - reminderOffsetMinutes(b)!);
    const chosen = new Set(values.reminderOffsets.map((offset) => offset.toUpperCase()));
    return html`${raw(errorSummary(t('errorSummary'), errors))}${raw(intro)}
<form method="post" action="/console/settings/reminders" novalidate>
${raw(this.pages.csrf(context))}
${raw(choiceGroup({ type: 'checkbox', name: 'reminderOffsets', label: t('schedulingSettings.offsets'), hint: t('schedulingSettings.offsetsHint'), error: errors.reminderOffsets, options: offered.map((offset) => ({ value: offset, label: offsetLabel(offset, language), checked: chosen.has(offset) })) }))}
${raw(textField({ name: 'retentionDays', type: 'text', label: t('schedulingSettings.retentionDays'), hint: t('schedulingSettings.retentionHint'), required: true, maxlength: 4, value: values.retentionDays, error: errors.retentionDays }))}
${raw(button(t('schedulingSettings.submit')))}
</form>`;
  }

  private async settingsPage(context: ConsoleContext, values: SettingsValues, errors: FieldErrors, status: string): Promise<string> {
    const { t, network } = context;
    const languageOptions = LANGUAGES.map((language) => ({ value: language, label: this.pages.languageName(language), lang: language }));
    const content = context.can('owner')
      ? html`${raw(errorSummary(t('errorSummary'), errors))}
<form method="post" action="/console/settings" novalidate>
${raw(this.pages.csrf(context))}${raw(hiddenFields({ revision: String(network.revision) }))}
<h2>${t('settings.profile')}</h2>
${raw(textField({ name: 'name', label: t('settings.name'), required: true, maxlength: 120, value: values.name, error: errors.name }))}
${raw(textArea({ name: 'description', label: t('settings.description'), maxlength: 2000, value: values.description, error: errors.description }))}
${raw(textField({ name: 'timeZone', label: t('settings.timeZone'), hint: t('settings.timeZoneHint'), required: true, value: values.timeZone, error: errors.timeZone }))}
${raw(checkboxField({ name: 'isPublic', label: t('settings.isPublic'), checked: values.isPublic, error: errors.isPublic }))}
<h2>${t('settings.languagesHeading')}</h2>
${raw(choiceGroup({ type: 'checkbox', name: 'languages', label: t('settings.languages'), error: errors.languages, options: languageOptions.map((option) => ({ ...option, checked: values.languages.includes(option.value) })) }))}
${raw(selectField({ name: 'defaultLanguage', label: t('settings.defaultLanguage'), value: values.defaultLanguage, error: errors.defaultLanguage, options: languageOptions }))}
<h2>${t('settings.branding')}</h2>
${raw(textField({ name: 'logoUrl', type: 'url', label: t('settings.logoUrl'), value: values.logoUrl, error: errors.logoUrl }))}
${raw(textField({ name: 'accentColor', label: t('settings.accentColor'), hint: t('settings.accentHint'), required: true, maxlength: 7, value: values.accentColor, error: errors.accentColor }))}
<h2>${t('settings.sender')}</h2>
${raw(textField({ name: 'fromName', label: t('settings.fromName'), required: true, maxlength: 100, value: values.fromName, error: errors.fromName }))}
${raw(textField({ name: 'fromAddress', type: 'email', label: t('settings.fromAddress'), required: true, value: values.fromAddress, error: errors.fromAddress }))}
${raw(textField({ name: 'replyTo', type: 'email', label: t('settings.replyTo'), value: values.replyTo, error: errors.replyTo }))}
${raw(textArea({ name: 'postalAddress', label: t('settings.postalAddress'), maxlength: 300, value: values.postalAddress, error: errors.postalAddress }))}
${raw(button(t('settings.submit')))}
</form>`
      : html`${raw(notice('info', t('settings.readOnly')))}
<h2>${t('settings.profile')}</h2>
${raw(facts([[t('settings.name'), network.name], [t('settings.description'), network.description], [t('settings.timeZone'), network.timeZone], [t('settings.isPublic'), network.isPublic ? t('yes') : t('no')]]))}
<h2>${t('settings.languagesHeading')}</h2>
${raw(facts([[t('settings.languages'), network.languages.map((language) => this.pages.languageName(language)).join(', ')], [t('settings.defaultLanguage'), this.pages.languageName(network.defaultLanguage)]]))}
<h2>${t('settings.branding')}</h2>
${raw(facts([[t('settings.logoUrl'), network.branding.logoUrl ?? ''], [t('settings.accentColor'), network.branding.accentColor]]))}
<h2>${t('settings.sender')}</h2>
${raw(facts([[t('settings.fromName'), network.sender.fromName], [t('settings.fromAddress'), network.sender.fromAddress], [t('settings.replyTo'), network.sender.replyTo ?? ''], [t('settings.postalAddress'), network.sender.postalAddress]]))}`;
    return this.section(context, 'profile', html`${raw(status)}${raw(content)}`);
  }
}

/**
 * Only what the owner changed, as PATCH api/v1/network takes it: an untouched section (say, a sender identity not
 * yet filled in) neither blocks saving another one nor is rewritten. Languages keep their fallback order; newly
 * ticked ones go last.
 */
function changedSettings(network: Network, values: SettingsValues): Record<string, unknown> {
  const languages = [...network.languages.filter((l) => values.languages.includes(l)), ...values.languages.filter((l) => !network.languages.includes(l as Language))];
  const submitted: Record<string, unknown> = {
    name: values.name ?? '',
    description: values.description ?? '',
    timeZone: values.timeZone ?? '',
    isPublic: values.isPublic,
    languages,
    defaultLanguage: values.defaultLanguage,
    branding: { logoUrl: values.logoUrl ?? null, accentColor: values.accentColor ?? '' },
    sender: { fromName: values.fromName ?? '', fromAddress: values.fromAddress ?? '', replyTo: values.replyTo ?? null, postalAddress: values.postalAddress ?? '' },
  };
  const current: Record<string, unknown> = {
    name: network.name,
    description: network.description,
    timeZone: network.timeZone,
    isPublic: network.isPublic,
    languages: network.languages,
    defaultLanguage: network.defaultLanguage,
    branding: { logoUrl: network.branding.logoUrl, accentColor: network.branding.accentColor },
    sender: { fromName: network.sender.fromName, fromAddress: network.sender.fromAddress, replyTo: network.sender.replyTo, postalAddress: network.sender.postalAddress },
  };
  return Object.fromEntries(Object.entries(submitted).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key])));
}

function valuesOf(network: Network): SettingsValues {
  return {
    name: network.name,
    description: network.description,
    timeZone: network.timeZone,
    isPublic: network.isPublic,
    languages: [...network.languages],
    defaultLanguage: network.defaultLanguage as Language,
    logoUrl: network.branding.logoUrl ?? undefined,
    accentColor: network.branding.accentColor,
    fromName: network.sender.fromName,
    fromAddress: network.sender.fromAddress,
    replyTo: network.sender.replyTo ?? undefined,
    postalAddress: network.sender.postalAddress,
  };
}

/** "2 days", "1 hour 30 minutes" in the reader's language, from an offset the scheduling schema accepts. */
function offsetLabel(offset: string, language: Language): string {
  const minutes = reminderOffsetMinutes(offset) ?? 0;
  const parts: Array<[number, 'day' | 'hour' | 'minute']> = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  return parts
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => unitText(amount, unit, language))
    .join(' ');
}

function unitText(amount: number, unit: 'day' | 'hour' | 'minute', language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}
