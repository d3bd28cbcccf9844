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
  coordinatorInvitation: {
    subject: string;
    heading: string;
    intro: string;
    roles: { owner: string; coordinator: string; viewer: string };
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
    coordinatorInvitation: {
      subject: 'Invitasjon til {{network}}',
      heading: 'Du er invitert til {{network}}',
      intro: '{{invitedBy}} har invitert deg til å være {{role}} i {{network}} i nettverkshuben.',
      roles: { owner: 'eier', coordinator: 'koordinator', viewer: 'leser' },
      button: 'Godta invitasjonen',
      expiry: 'Lenken virker én gang, til {{date}}.',
      ignore: 'Venter du ikke denne e-posten, kan du se bort fra den.',
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
    coordinatorInvitation: {
      subject: 'Invitasjon til {{network}}',
      heading: 'Du er invitert til {{network}}',
      intro: '{{invitedBy}} har invitert deg til å vere {{role}} i {{network}} i nettverkshuben.',
      roles: { owner: 'eigar', coordinator: 'koordinator', viewer: 'lesar' },
      button: 'Godta invitasjonen',
      expiry: 'Lenkja verkar éin gong, til {{date}}.',
      ignore: 'Ventar du ikkje denne e-posten, kan du sjå bort frå han.',
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
    coordinatorInvitation: {
      subject: 'Inbjudan till {{network}}',
      heading: 'Du är inbjuden till {{network}}',
      intro: '{{invitedBy}} har bjudit in dig som {{role}} i {{network}} i nätverkshubben.',
      roles: { owner: 'ägare', coordinator: 'samordnare', viewer: 'läsare' },
      button: 'Tacka ja till inbjudan',
      expiry: 'Länken fungerar en gång, till och med {{date}}.',
      ignore: 'Om du inte väntade dig detta mejl kan du bortse från det.',
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
    coordinatorInvitation: {
      subject: 'Invitation til {{network}}',
      heading: 'Du er inviteret til {{network}}',
      intro: '{{invitedBy}} har inviteret dig til at være {{role}} i {{network}} i netværkshubben.',
      roles: { owner: 'ejer', coordinator: 'koordinator', viewer: 'læser' },
      button: 'Accepter invitationen',
      expiry: 'Linket virker én gang, indtil {{date}}.',
      ignore: 'Hvis du ikke ventede denne mail, kan du se bort fra den.',
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
    coordinatorInvitation: {
      subject: 'Kutsu verkostoon {{network}}',
      heading: 'Sinut on kutsuttu verkostoon {{network}}',
      intro: '{{invitedBy}} on kutsunut sinut rooliin {{role}} verkostossa {{network}}.',
      roles: { owner: 'omistaja', coordinator: 'koordinaattori', viewer: 'lukija' },
      button: 'Hyväksy kutsu',
      expiry: 'Linkki toimii kerran, {{date}} asti.',
      ignore: 'Jos et odottanut tätä viestiä, voit jättää sen huomiotta.',
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
    coordinatorInvitation: {
      subject: 'Invitation to {{network}}',
      heading: 'You are invited to {{network}}',
      intro: '{{invitedBy}} has invited you to be {{role}} of {{network}} in the network hub.',
      roles: { owner: 'owner', coordinator: 'coordinator', viewer: 'viewer' },
      button: 'Accept the invitation',
      expiry: 'The link works once, until {{date}}.',
      ignore: 'If you did not expect this email, you can ignore it.',
    },
  },
};
