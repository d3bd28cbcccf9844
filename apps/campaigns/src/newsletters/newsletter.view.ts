import type { NewsletterView } from '@hub/contracts';
import type { Newsletter } from './newsletter.schema';
import { localTimeOf } from './send-time';

export function newsletterView(newsletter: Newsletter, timeZone: string | null): NewsletterView {
  return {
    id: newsletter._id,
    listIds: newsletter.listIds,
    issues: newsletter.issues,
    state: newsletter.state,
    sendAt: newsletter.sendAt?.toISOString() ?? null,
    sendAtLocal: newsletter.sendAt && timeZone ? localTimeOf(newsletter.sendAt, timeZone) : null,
    timeZone,
    sendId: newsletter.sendId,
    startedAt: newsletter.startedAt?.toISOString() ?? null,
    completedAt: newsletter.completedAt?.toISOString() ?? null,
    recipients: newsletter.recipients,
    audienceFilter: newsletter.audienceFilter ?? null,
    createdAt: new Date(newsletter.createdAt).toISOString(),
    updatedAt: new Date(newsletter.updatedAt).toISOString(),
  };
}
