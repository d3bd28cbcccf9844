import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import {
  CreateNewsletter,
  Language,
  NEWSLETTER_PLACEHOLDERS,
  NetworkProfilePayload,
  NewsletterAudienceFilter,
  NewsletterIssue,
  NewsletterProgress,
  NewsletterState,
  NewsletterStatistics,
  NewsletterView,
  PreviewView,
  ScheduleNewsletter,
  SendNewsletter,
  TestSend,
  UpdateNewsletter,
} from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import { NewsletterSenderIncompleteError, normalizeNewsletterSubject } from '@hub/newsletter';
import type { CampaignsConfig } from '../campaigns.config';
import { NetworkProfileRepository } from '../network-profiles/network-profile.repository';
import { AudienceClient } from './audience.client';
import { BulkQueue, newsletterJob } from './bulk-queue';
import { DeliveryClient } from './delivery.client';
import { IssueContent } from './issue-content';
import {
  InvalidSendTimeError,
  LanguageNotOfferedError,
  LanguageNotWrittenError,
  NetworkProfileMissingError,
  NewsletterNotFoundError,
  NewsletterStateError,
  UnknownListError,
} from './newsletter.errors';
import { NewsletterRepository } from './newsletter.repository';
import type { Newsletter } from './newsletter.schema';
import { newsletterView } from './newsletter.view';
import { SendFanOut } from './send-fan-out';
import { SendOutcomeRepository } from './send-outcome.repository';
import { SendRepository } from './send.repository';
import type { FanOutProgress } from './send.schema';
import { sendInstant } from './send-time';

const EDITABLE: NewsletterState[] = ['draft', 'scheduled', 'needs-confirmation'];
const STARTABLE: NewsletterState[] = ['draft', 'scheduled', 'needs-confirmation'];
const RATE_WINDOW_MS = 15_000;

const NEW_PROGRESS: FanOutProgress = { snapshotDone: false, recipients: 0, pass: 0, replaying: false };

/** A filter given with the action replaces the newsletter's (an empty one meaning none), null removes it, absent keeps it. */
function chosenFilter(given: NewsletterAudienceFilter | null | undefined, newsletter: Newsletter): NewsletterAudienceFilter | null {
  if (given === undefined) return newsletter.audienceFilter ?? null;
  return given && Object.keys(given).length > 0 ? given : null;
}

/** The coordinators' newsletters: compose, schedule, send, pause, resume, cancel, follow. */
@Injectable()
export class NewslettersService {
  private readonly samples = new Map<string, Array<{ at: number; done: number }>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: CampaignsConfig,
    private readonly newsletters: NewsletterRepository,
    private readonly sends: SendRepository,
    private readonly outcomes: SendOutcomeRepository,
    private readonly profiles: NetworkProfileRepository,
    private readonly audience: AudienceClient,
    private readonly delivery: DeliveryClient,
    private readonly queue: BulkQueue,
    private readonly content: IssueContent,
    private readonly fanOut: SendFanOut,
    private readonly events: EventFactory,
  ) {}

  async create(networkId: string, request: CreateNewsletter): Promise<NewsletterView> {
    const profile = await this.profiles.find(networkId);
    const issues = this.checkIssues(profile, request.issues);
    await this.checkLists(networkId, request.listIds);
    const newsletter = await this.newsletters.create({
      _id: randomUUID(),
      networkId,
      listIds: [...new Set(request.listIds)],
      issues,
      state: 'draft',
      audienceFilter: null,
      sendAt: null,
      sendId: null,
      resumes: 0,
      startedAt: null,
      completedAt: null,
      publicArchive: false,
      recipients: null,
      finalCounts: null,
      outbox: [],
    });
    return newsletterView(newsletter, profile?.timeZone ?? null);
  }

  async list(networkId: string): Promise<NewsletterView[]> {
    const profile = await this.profiles.find(networkId);
    return (await this.newsletters.listInNetwork(networkId)).map((newsletter) => newsletterView(newsletter, profile?.timeZone ?? null));
  }

  async get(networkId: string, id: string): Promise<NewsletterView> {
    return this.view(await this.find(networkId, id));
  }

  async update(networkId: string, id: string, request: UpdateNewsletter): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    if (!EDITABLE.includes(newsletter.state)) throw new NewsletterStateError('edit', newsletter.state);
    const set: Partial<Newsletter> = {};
    if (request.issues) set.issues = this.checkIssues(await this.profiles.find(networkId), request.issues);
    if (request.listIds) {
      await this.checkLists(networkId, request.listIds);
      set.listIds = [...new Set(request.listIds)];
    }
    if (!(await this.newsletters.transition(id, EDITABLE, set))) throw new NewsletterStateError('edit', 'no longer editable');
    return this.get(networkId, id);
  }

  async remove(networkId: string, id: string): Promise<void> {
    const newsletter = await this.find(networkId, id);
    if (!(await this.newsletters.delete(newsletter._id))) throw new NewsletterStateError('delete', newsletter.state);
  }

  async schedule(networkId: string, id: string, request: ScheduleNewsletter, now = new Date()): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    const profile = await this.requireProfile(networkId);
    const sendAt = sendInstant(request.localTime, profile.timeZone);
    if (typeof sendAt === 'string') throw new InvalidSendTimeError(request.localTime, profile.timeZone, sendAt);
    if (sendAt.getTime() <= now.getTime()) throw new InvalidSendTimeError(request.localTime, profile.timeZone, 'past');
    const event = this.events.create('campaigns.newsletter.scheduled', {
      networkId,
      key: id,
      payload: { newsletterId: id, sendId: id, listIds: newsletter.listIds, sendAt: sendAt.toISOString() },
    });
    const audienceFilter = chosenFilter(request.audienceFilter, newsletter);
    if (!(await this.newsletters.transition(id, ['draft', 'scheduled'], { state: 'scheduled', sendAt, audienceFilter }, event))) throw new NewsletterStateError('schedule', newsletter.state);
    return this.get(networkId, id);
  }

  /** Send now, or confirm a scheduled send that the hub found long overdue. */
  async sendNow(networkId: string, id: string, request: SendNewsletter, now = new Date()): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    if (!STARTABLE.includes(newsletter.state)) throw new NewsletterStateError('send', newsletter.state);
    await this.start({ ...newsletter, audienceFilter: chosenFilter(request.audienceFilter, newsletter) }, now);
    return this.get(networkId, id);
  }

  /**
   * Freezes what goes out and starts the fan-out. The Send is inserted under the newsletter's id: the unique insert is
   * what lets the scheduler, a coordinator and a restarted process all ask to start it and only one snapshot be taken.
   */
  async start(newsletter: Newsletter, now = new Date()): Promise<void> {
    const profile = await this.requireSendableProfile(newsletter.networkId);
    const lists = await this.audience.lists(newsletter.networkId);
    const chosen = lists.filter((list) => newsletter.listIds.includes(list.id));
    await this.sends.claim({
      _id: newsletter._id,
      networkId: newsletter.networkId,
      newsletterId: newsletter._id,
      test: false,
      listIds: newsletter.listIds,
      audienceFilter: newsletter.audienceFilter ?? null,
      issues: newsletter.issues,
      profile,
      snapshotAt: now,
      progress: NEW_PROGRESS,
    });
    const send = (await this.sends.findById(newsletter._id))!;
    await this.newsletters.transition(newsletter._id, STARTABLE, {
      state: 'sending',
      sendId: send._id,
      audienceFilter: send.audienceFilter ?? null,
      startedAt: send.snapshotAt,
      publicArchive: chosen.length === newsletter.listIds.length && chosen.every((list) => list.isPublic),
    });
    this.fanOut.run(send._id);
  }

  /** A scheduled send found past its grace period: it waits for a coordinator to send or cancel it. */
  async askForConfirmation(newsletter: Newsletter): Promise<void> {
    await this.newsletters.transition(newsletter._id, ['scheduled'], { state: 'needs-confirmation' });
  }

  async pause(networkId: string, id: string): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    const queued = await this.queue.countWaiting(id);
    const event = this.events.create('campaigns.newsletter.paused', { networkId, key: id, payload: { newsletterId: id, sendId: id, listIds: newsletter.listIds, queued } });
    if (!(await this.newsletters.transition(id, ['sending'], { state: 'paused' }, event))) throw new NewsletterStateError('pause', newsletter.state);
    // The fan-out sees the state and stops adding; the worker completes any job it still gets without sending.
    await this.queue.removeWaiting(id);
    return this.get(networkId, id);
  }

  async resume(networkId: string, id: string): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    const event = this.events.create('campaigns.newsletter.resumed', { networkId, key: id, payload: { newsletterId: id, sendId: id, listIds: newsletter.listIds } });
    if (!(await this.newsletters.transition(id, ['paused'], { state: 'sending' }, event, { resumes: 1 }))) throw new NewsletterStateError('resume', newsletter.state);
    this.fanOut.run(id);
    return this.get(networkId, id);
  }

  async cancel(networkId: string, id: string): Promise<NewsletterView> {
    const newsletter = await this.find(networkId, id);
    const queued = await this.queue.countWaiting(id);
    const event = this.events.create('campaigns.newsletter.cancelled', { networkId, key: id, payload: { newsletterId: id, sendId: id, listIds: newsletter.listIds, queued } });
    const from: NewsletterState[] = ['scheduled', 'needs-confirmation', 'sending', 'paused'];
    if (!(await this.newsletters.transition(id, from, { state: 'cancelled' }, event))) throw new NewsletterStateError('cancel', newsletter.state);
    await this.queue.removeWaiting(id);
    return this.get(networkId, id);
  }

  async preview(networkId: string, id: string, language: Language): Promise<PreviewView> {
    const newsletter = await this.find(networkId, id);
    const issue = newsletter.issues[language];
    if (!issue) throw new LanguageNotWrittenError(language);
    const profile = await this.requireProfile(networkId);
    const rendered = this.content.render(profile, language, issue, this.content.archiveUrl(profile, id));
    return { language, ...rendered };
  }

  /**
   * Test copies go through the bulk queue like the real ones, under a send of their own (`test-…`), so they never
   * count as, or claim for, the real send. Their links carry no personal token: they lead to an "invalid link" page.
   */
  async testSend(networkId: string, id: string, request: TestSend): Promise<{ sendId: string }> {
    const newsletter = await this.find(networkId, id);
    const language = request.language ?? (Object.keys(newsletter.issues)[0] as Language);
    const issue = newsletter.issues[language];
    if (!issue) throw new LanguageNotWrittenError(language);
    const profile = await this.requireSendableProfile(networkId);
    const send = { _id: `test-${randomUUID()}`, networkId, newsletterId: id };
    await this.sends.claim({
      ...send,
      test: true,
      listIds: newsletter.listIds,
      audienceFilter: null,
      issues: { [language]: issue },
      profile,
      snapshotAt: new Date(),
      progress: { ...NEW_PROGRESS, snapshotDone: true, recipients: request.addresses.length },
    });
    await this.queue.add(
      [...new Set(request.addresses)].map((email, index) =>
        newsletterJob(send, { contactId: `test${index}`, email, language, preferencesToken: 'test-copy', unsubscribeToken: 'test-copy' }),
      ),
    );
    return { sendId: send._id };
  }

  async progress(networkId: string, id: string, now = Date.now()): Promise<NewsletterProgress> {
    const newsletter = await this.find(networkId, id);
    const send = newsletter.sendId ? await this.sends.findById(newsletter.sendId) : null;
    if (!send) {
      return { state: newsletter.state, recipients: 0, snapshotComplete: false, sent: 0, failed: 0, unknown: 0, skipped: 0, remaining: 0, ratePerSecond: 0, etaSeconds: null };
    }
    const summary = await this.delivery.summary(send._id);
    const recipients = send.progress.recipients;
    const skipped = Math.max(0, Math.min(summary.skipped, recipients - summary.sent - summary.failed - summary.unknown));
    const done = summary.sent + summary.failed + summary.unknown + skipped;
    const remaining = Math.max(0, recipients - done);
    const samples = (this.samples.get(send._id) ?? []).filter((sample) => now - sample.at <= RATE_WINDOW_MS);
    samples.push({ at: now, done });
    this.samples.set(send._id, samples);
    const elapsed = (now - samples[0].at) / 1000;
    const ratePerSecond = elapsed > 0 ? Math.round(((done - samples[0].done) / elapsed) * 10) / 10 : 0;
    return {
      state: newsletter.state,
      recipients,
      snapshotComplete: send.progress.snapshotDone,
      sent: summary.sent,
      failed: summary.failed,
      unknown: summary.unknown,
      skipped,
      remaining,
      ratePerSecond,
      etaSeconds: remaining === 0 ? 0 : ratePerSecond > 0 && send.progress.snapshotDone ? Math.ceil(remaining / ratePerSecond) : null,
    };
  }

  async statistics(networkId: string, id: string): Promise<NewsletterStatistics> {
    const newsletter = await this.find(networkId, id);
    const audienceFilter = newsletter.audienceFilter ?? null;
    if (!newsletter.sendId) return { recipients: 0, delivered: 0, failed: 0, skipped: 0, unknown: 0, bounced: 0, complained: 0, unsubscribed: 0, audienceFilter };
    const [progress, bounced, complained, unsubscribed] = await Promise.all([
      this.progress(networkId, id),
      this.outcomes.count(newsletter.sendId, 'bounced'),
      this.outcomes.count(newsletter.sendId, 'complained'),
      this.outcomes.count(newsletter.sendId, 'unsubscribed'),
    ]);
    return {
      recipients: progress.recipients,
      delivered: progress.sent,
      failed: progress.failed,
      skipped: progress.skipped,
      unknown: progress.unknown,
      bounced,
      complained,
      unsubscribed,
      audienceFilter,
    };
  }

  /** What the public archive shows: completed newsletters whose lists were all public, in the network's language. */
  async archive(networkId: string): Promise<Array<{ newsletter: Newsletter; language: Language; issue: NewsletterIssue }>> {
    const profile = await this.profiles.find(networkId);
    return (await this.newsletters.listArchived(networkId)).map((newsletter) => ({ newsletter, ...this.archiveIssue(newsletter, profile) }));
  }

  async archivedIssue(networkId: string, id: string): Promise<{ newsletter: Newsletter; language: Language; issue: NewsletterIssue; html: string }> {
    const newsletter = await this.newsletters.findInNetwork(networkId, id);
    if (!newsletter || newsletter.state !== 'completed' || !newsletter.publicArchive || !newsletter.sendId) throw new NewsletterNotFoundError();
    const send = (await this.sends.findById(newsletter.sendId))!;
    const { language, issue } = this.archiveIssue(newsletter, send.profile);
    const rendered = this.content.render(send.profile, language, issue, null, `archive-${send._id}`);
    // The archive copy is nobody's: its personal links lead to the network's public page instead.
    const networkPage = `${this.config.PUBLIC_BASE_URL}/networks/${encodeURIComponent(send.profile.slug)}`;
    const html = rendered.html.split(NEWSLETTER_PLACEHOLDERS.unsubscribeUrl).join(networkPage).split(NEWSLETTER_PLACEHOLDERS.preferencesUrl).join(networkPage);
    return { newsletter, language, issue, html };
  }

  private archiveIssue(newsletter: Newsletter, profile: NetworkProfilePayload | null): { language: Language; issue: NewsletterIssue } {
    const written = Object.keys(newsletter.issues) as Language[];
    const language = written.find((candidate) => candidate === profile?.defaultLanguage) ?? written[0];
    return { language, issue: newsletter.issues[language]! };
  }

  private checkIssues(profile: NetworkProfilePayload | null, issues: CreateNewsletter['issues']): CreateNewsletter['issues'] {
    const languages = Object.keys(issues) as Language[];
    const notOffered = profile ? languages.filter((language) => !profile.languages.includes(language)) : [];
    if (notOffered.length > 0) throw new LanguageNotOfferedError(notOffered);
    return Object.fromEntries(languages.map((language) => [language, { ...issues[language]!, subject: normalizeNewsletterSubject(issues[language]!.subject) }]));
  }

  private async checkLists(networkId: string, listIds: string[]): Promise<void> {
    const known = new Set((await this.audience.lists(networkId)).map((list) => list.id));
    const unknown = listIds.filter((listId) => !known.has(listId));
    if (unknown.length > 0) throw new UnknownListError(unknown);
  }

  private async requireProfile(networkId: string): Promise<NetworkProfilePayload> {
    const profile = await this.profiles.find(networkId);
    if (!profile) throw new NetworkProfileMissingError();
    return profile;
  }

  /** Refused before anything is queued, rather than failing in delivery for every copy. */
  private async requireSendableProfile(networkId: string): Promise<NetworkProfilePayload> {
    const profile = await this.requireProfile(networkId);
    if (!profile.sender.postalAddress.trim()) throw new NewsletterSenderIncompleteError();
    return profile;
  }

  private async find(networkId: string, id: string): Promise<Newsletter> {
    const newsletter = await this.newsletters.findInNetwork(networkId, id);
    if (!newsletter) throw new NewsletterNotFoundError();
    return newsletter;
  }

  private async view(newsletter: Newsletter): Promise<NewsletterView> {
    return newsletterView(newsletter, (await this.profiles.find(newsletter.networkId))?.timeZone ?? null);
  }
}
