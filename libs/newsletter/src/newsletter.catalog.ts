import type { Language } from '@hub/contracts';

/** The template's own words, per language. A test fails when a language lacks a key English has. */
export interface NewsletterCatalog {
  newsletter: {
    viewInBrowser: string;
    reason: string;
    unsubscribe: string;
    preferences: string;
  };
}

export const NEWSLETTER_CATALOG: Record<Language, NewsletterCatalog> = {
  nb: {
    newsletter: {
      viewInBrowser: 'Vis e-posten i nettleseren',
      reason: 'Du får dette nyhetsbrevet fra {{sender}} fordi du abonnerer på det.',
      unsubscribe: 'Meld deg av',
      preferences: 'Endre abonnementene dine',
    },
  },
  nn: {
    newsletter: {
      viewInBrowser: 'Vis e-posten i nettlesaren',
      reason: 'Du får dette nyheitsbrevet frå {{sender}} fordi du abonnerer på det.',
      unsubscribe: 'Meld deg av',
      preferences: 'Endre abonnementa dine',
    },
  },
  sv: {
    newsletter: {
      viewInBrowser: 'Visa mejlet i webbläsaren',
      reason: 'Du får det här nyhetsbrevet från {{sender}} eftersom du prenumererar på det.',
      unsubscribe: 'Avsluta prenumerationen',
      preferences: 'Ändra dina prenumerationer',
    },
  },
  da: {
    newsletter: {
      viewInBrowser: 'Vis mailen i din browser',
      reason: 'Du modtager dette nyhedsbrev fra {{sender}}, fordi du abonnerer på det.',
      unsubscribe: 'Afmeld',
      preferences: 'Ret dine abonnementer',
    },
  },
  fi: {
    newsletter: {
      viewInBrowser: 'Avaa viesti selaimessa',
      reason: 'Saat tämän uutiskirjeen lähettäjältä {{sender}}, koska olet tilannut sen.',
      unsubscribe: 'Peru tilaus',
      preferences: 'Muuta tilausasetuksiasi',
    },
  },
  en: {
    newsletter: {
      viewInBrowser: 'View this email in your browser',
      reason: 'You receive this newsletter from {{sender}} because you subscribed to it.',
      unsubscribe: 'Unsubscribe',
      preferences: 'Manage your subscriptions',
    },
  },
};
