import type { Language } from '@hub/contracts';

/** The words of every transactional email, per language. A test fails when a language lacks a key English has. */
export interface EmailCatalog {
  common: { footer: string };
  subscriptionConfirmation: {
    subject: string;
    heading: string;
    intro: string;
    button: string;
    expiry: string;
    ignore: string;
  };
}

export const EMAIL_CATALOG: Record<Language, EmailCatalog> = {
  nb: {
    common: { footer: 'Sendt av {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Bekreft abonnementet ditt',
      heading: 'Bekreft at du vil abonnere',
      intro: 'Du har bedt om å abonnere på: {{lists}}. Trykk på knappen for å bekrefte.',
      button: 'Bekreft abonnement',
      expiry: 'Lenken virker til {{date}}.',
      ignore: 'Har du ikke bedt om dette, kan du se bort fra e-posten. Du får ikke flere e-poster fra oss.',
    },
  },
  nn: {
    common: { footer: 'Sendt av {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Stadfest abonnementet ditt',
      heading: 'Stadfest at du vil abonnere',
      intro: 'Du har bede om å abonnere på: {{lists}}. Trykk på knappen for å stadfeste.',
      button: 'Stadfest abonnement',
      expiry: 'Lenkja verkar til {{date}}.',
      ignore: 'Har du ikkje bede om dette, kan du sjå bort frå e-posten. Du får ikkje fleire e-postar frå oss.',
    },
  },
  sv: {
    common: { footer: 'Skickat av {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Bekräfta din prenumeration',
      heading: 'Bekräfta att du vill prenumerera',
      intro: 'Du har bett om att prenumerera på: {{lists}}. Klicka på knappen för att bekräfta.',
      button: 'Bekräfta prenumerationen',
      expiry: 'Länken fungerar till och med {{date}}.',
      ignore: 'Om du inte har bett om detta kan du bortse från mejlet. Du får inga fler mejl från oss.',
    },
  },
  da: {
    common: { footer: 'Sendt af {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Bekræft dit abonnement',
      heading: 'Bekræft, at du vil abonnere',
      intro: 'Du har bedt om at abonnere på: {{lists}}. Klik på knappen for at bekræfte.',
      button: 'Bekræft abonnement',
      expiry: 'Linket virker indtil {{date}}.',
      ignore: 'Hvis du ikke har bedt om dette, kan du se bort fra mailen. Du får ikke flere mails fra os.',
    },
  },
  fi: {
    common: { footer: 'Lähettäjä: {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Vahvista tilauksesi',
      heading: 'Vahvista, että haluat tilata',
      intro: 'Olet pyytänyt tilausta: {{lists}}. Vahvista tilaus painamalla painiketta.',
      button: 'Vahvista tilaus',
      expiry: 'Linkki on voimassa {{date}} asti.',
      ignore: 'Jos et pyytänyt tätä, voit jättää viestin huomiotta. Emme lähetä sinulle enempää viestejä.',
    },
  },
  en: {
    common: { footer: 'Sent by {{sender}}.' },
    subscriptionConfirmation: {
      subject: 'Confirm your subscription',
      heading: 'Confirm that you want to subscribe',
      intro: 'You asked to subscribe to: {{lists}}. Press the button to confirm.',
      button: 'Confirm subscription',
      expiry: 'The link works until {{date}}.',
      ignore: 'If you did not ask for this, ignore this email; you will get nothing more from us.',
    },
  },
};
