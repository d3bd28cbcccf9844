import type { Language } from '@hub/contracts';

/** The words of the participant's own registration page. A test fails when a language lacks a key English has. */
export interface RegistrationPageCatalog {
  status: { pending: string; confirmed: string; waitlisted: string; cancelled: string };
  when: string;
  where: string;
  online: string;
  join: string;
  cancel: string;
  cancelHint: string;
  cancelledTitle: string;
  cancelledBody: string;
  invalidTitle: string;
  invalidBody: string;
  addToCalendar: string;
  downloadIcs: string;
}

export const REGISTRATION_PAGE_CATALOG: Record<Language, RegistrationPageCatalog> = {
  nb: {
    status: { pending: 'Påmeldingen venter på godkjenning fra arrangøren.', confirmed: 'Du er påmeldt.', waitlisted: 'Du står på ventelisten. Du får e-post straks du får plass.', cancelled: 'Påmeldingen er avmeldt.' },
    when: 'Tid',
    where: 'Sted',
    online: 'på nett',
    join: 'Bli med',
    cancel: 'Meld meg av',
    cancelHint: 'Kan du ikke komme? Meld deg av, så får noen på ventelisten plassen din.',
    cancelledTitle: 'Du er avmeldt',
    cancelledBody: 'Påmeldingen din er avmeldt. Takk for at du sa fra.',
    invalidTitle: 'Lenken virker ikke',
    invalidBody: 'Kopier hele lenken fra e-posten og prøv igjen.',
    addToCalendar: 'Legg til i kalenderen',
    downloadIcs: 'Last ned kalenderfil (.ics)',
  },
  nn: {
    status: { pending: 'Påmeldinga ventar på godkjenning frå arrangøren.', confirmed: 'Du er påmeld.', waitlisted: 'Du står på ventelista. Du får e-post så snart du får plass.', cancelled: 'Påmeldinga er avmeld.' },
    when: 'Tid',
    where: 'Stad',
    online: 'på nett',
    join: 'Bli med',
    cancel: 'Meld meg av',
    cancelHint: 'Kan du ikkje kome? Meld deg av, så får nokon på ventelista plassen din.',
    cancelledTitle: 'Du er avmeld',
    cancelledBody: 'Påmeldinga di er avmeld. Takk for at du sa frå.',
    invalidTitle: 'Lenkja verkar ikkje',
    invalidBody: 'Kopier heile lenkja frå e-posten og prøv igjen.',
    addToCalendar: 'Legg til i kalenderen',
    downloadIcs: 'Last ned kalenderfil (.ics)',
  },
  sv: {
    status: { pending: 'Anmälan väntar på att arrangören godkänner den.', confirmed: 'Du är anmäld.', waitlisted: 'Du står på reservlistan. Du får e-post så fort du får en plats.', cancelled: 'Anmälan är avbokad.' },
    when: 'Tid',
    where: 'Plats',
    online: 'online',
    join: 'Delta',
    cancel: 'Avboka min anmälan',
    cancelHint: 'Kan du inte komma? Avboka, så får någon på reservlistan din plats.',
    cancelledTitle: 'Du är avanmäld',
    cancelledBody: 'Din anmälan är avbokad. Tack för att du hörde av dig.',
    invalidTitle: 'Länken fungerar inte',
    invalidBody: 'Kopiera hela länken från e-postmeddelandet och försök igen.',
    addToCalendar: 'Lägg till i kalendern',
    downloadIcs: 'Ladda ner kalenderfil (.ics)',
  },
  da: {
    status: { pending: 'Tilmeldingen venter på godkendelse fra arrangøren.', confirmed: 'Du er tilmeldt.', waitlisted: 'Du er på ventelisten. Du får en e-mail, så snart du får en plads.', cancelled: 'Tilmeldingen er afmeldt.' },
    when: 'Tid',
    where: 'Sted',
    online: 'online',
    join: 'Deltag',
    cancel: 'Afmeld mig',
    cancelHint: 'Kan du ikke komme? Afmeld dig, så får en på ventelisten din plads.',
    cancelledTitle: 'Du er afmeldt',
    cancelledBody: 'Din tilmelding er afmeldt. Tak fordi du sagde til.',
    invalidTitle: 'Linket virker ikke',
    invalidBody: 'Kopiér hele linket fra e-mailen, og prøv igen.',
    addToCalendar: 'Føj til kalenderen',
    downloadIcs: 'Hent kalenderfil (.ics)',
  },
  fi: {
    status: { pending: 'Ilmoittautuminen odottaa järjestäjän hyväksyntää.', confirmed: 'Olet ilmoittautunut.', waitlisted: 'Olet jonossa. Saat sähköpostia heti, kun saat paikan.', cancelled: 'Ilmoittautuminen on peruttu.' },
    when: 'Aika',
    where: 'Paikka',
    online: 'verkossa',
    join: 'Osallistu',
    cancel: 'Peru ilmoittautumiseni',
    cancelHint: 'Etkö pääse? Peru ilmoittautumisesi, niin paikkasi siirtyy jonossa seuraavalle.',
    cancelledTitle: 'Ilmoittautumisesi on peruttu',
    cancelledBody: 'Ilmoittautumisesi on peruttu. Kiitos, että ilmoitit.',
    invalidTitle: 'Linkki ei toimi',
    invalidBody: 'Kopioi koko linkki sähköpostista ja yritä uudelleen.',
    addToCalendar: 'Lisää kalenteriin',
    downloadIcs: 'Lataa kalenteritiedosto (.ics)',
  },
  en: {
    status: { pending: 'Your registration is waiting for the organiser’s approval.', confirmed: 'You are registered.', waitlisted: 'You are on the waiting list. You will get an email as soon as you have a place.', cancelled: 'This registration is cancelled.' },
    when: 'When',
    where: 'Where',
    online: 'online',
    join: 'Join',
    cancel: 'Cancel my registration',
    cancelHint: 'Cannot come? Cancel, and someone on the waiting list gets your place.',
    cancelledTitle: 'Your registration is cancelled',
    cancelledBody: 'Your registration is cancelled. Thank you for letting us know.',
    invalidTitle: 'This link does not work',
    invalidBody: 'Copy the whole link from the email and try again.',
    addToCalendar: 'Add to calendar',
    downloadIcs: 'Download calendar file (.ics)',
  },
};
