import { Injectable } from '@nestjs/common';
import type { i18n } from 'i18next';
import type { Language } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { EMAIL_CATALOG } from './catalog/email-catalog';
import { renderLayout } from './email-layout';
import { formatDate, formatList } from './locale';
import type { RenderedEmail } from './rendered-email';

export interface SubscriptionConfirmationInput {
  language: Language;
  listNames: string[];
  confirmUrl: string;
  confirmBy: Date;
  sender: string;
}

export interface CoordinatorInvitationInput {
  language: Language;
  networkName: string;
  role: 'owner' | 'coordinator' | 'viewer';
  invitedBy: string;
  acceptUrl: string;
  expiresAt: Date;
  sender: string;
}

/** Renders transactional emails in the recipient's language, falling back to English for a missing word. */
@Injectable()
export class EmailRenderer {
  private readonly i18n: i18n = createTranslator(EMAIL_CATALOG);

  subscriptionConfirmation(input: SubscriptionConfirmationInput): RenderedEmail {
    const t = this.i18n.getFixedT(input.language, undefined, 'subscriptionConfirmation');
    const lists = formatList(input.listNames, input.language);
    const subject = t('subject');
    const { html, text } = renderLayout(input.language, {
      heading: t('heading'),
      paragraphs: [t('intro', { lists })],
      action: { label: t('button'), url: input.confirmUrl },
      finePrint: [
        t('expiry', { date: formatDate(input.confirmBy, input.language) }),
        t('ignore'),
        this.i18n.t('common.footer', { lng: input.language, sender: input.sender }),
      ],
    });
    return { subject, html, text };
  }

  coordinatorInvitation(input: CoordinatorInvitationInput): RenderedEmail {
    const t = this.i18n.getFixedT(input.language, undefined, 'coordinatorInvitation');
    const network = input.networkName;
    const { html, text } = renderLayout(input.language, {
      heading: t('heading', { network }),
      paragraphs: [t('intro', { invitedBy: input.invitedBy, role: t(`roles.${input.role}`), network })],
      action: { label: t('button'), url: input.acceptUrl },
      finePrint: [
        t('expiry', { date: formatDate(input.expiresAt, input.language) }),
        t('ignore'),
        this.i18n.t('common.footer', { lng: input.language, sender: input.sender }),
      ],
    });
    return { subject: t('subject', { network }), html, text };
  }
}
