import type { Language } from '@hub/contracts';

interface Notice {
  subject: string;
  heading: string;
  intro: string;
}

/** The words of the registration emails, per language. A test fails when a language lacks a key English has. */
export interface RegistrationEmailCatalog {
  registration: {
    confirmed: Notice;
    promoted: Notice;
    waitlisted: Notice;
    cancelled: Notice;
    rescheduled: Notice;
    eventCancelled: Notice;
    reminder: Notice;
    when: string;
    where: string;
    online: string;
    join: string;
    calendar: string;
    manage: string;
    footer: string;
  };
}

export const REGISTRATION_EMAIL_CATALOG: Record<Language, RegistrationEmailCatalog> = {
  nb: {
    registration: {
      confirmed: { subject: 'Du er påmeldt: {{title}}', heading: 'Du er påmeldt', intro: 'Hei {{name}}, du har plass på «{{title}}».' },
      promoted: { subject: 'Du har fått plass: {{title}}', heading: 'Du har fått plass', intro: 'Hei {{name}}, en plass ble ledig, og den er din: «{{title}}».' },
      waitlisted: { subject: 'Du står på venteliste: {{title}}', heading: 'Du står på venteliste', intro: 'Hei {{name}}, «{{title}}» er full. Du står på ventelisten og får beskjed straks du får plass.' },
      cancelled: { subject: 'Påmeldingen er avmeldt: {{title}}', heading: 'Du er avmeldt', intro: 'Hei {{name}}, påmeldingen din til «{{title}}» er avmeldt.' },
      rescheduled: { subject: 'Endret tid: {{title}}', heading: 'Arrangementet er flyttet', intro: 'Hei {{name}}, «{{title}}» har fått ny tid. Den nye tiden står under, og kalenderinvitasjonen er oppdatert.' },
      eventCancelled: { subject: 'Avlyst: {{title}}', heading: 'Arrangementet er avlyst', intro: 'Hei {{name}}, «{{title}}» er dessverre avlyst.' },
      reminder: { subject: 'Påminnelse: {{title}}', heading: 'Snart er det tid', intro: 'Hei {{name}}, dette er en påminnelse om «{{title}}».' },
      when: 'Tid: {{when}}',
      where: 'Sted: {{where}}',
      online: 'på nett',
      join: 'Lenke til å delta: {{url}}',
      calendar: 'Kalenderinvitasjonen er vedlagt.',
      manage: 'Se eller avmeld påmeldingen',
      footer: 'Sendt på vegne av {{organiser}}.',
    },
  },
  nn: {
    registration: {
      confirmed: { subject: 'Du er påmeld: {{title}}', heading: 'Du er påmeld', intro: 'Hei {{name}}, du har plass på «{{title}}».' },
      promoted: { subject: 'Du har fått plass: {{title}}', heading: 'Du har fått plass', intro: 'Hei {{name}}, ein plass vart ledig, og han er din: «{{title}}».' },
      waitlisted: { subject: 'Du står på venteliste: {{title}}', heading: 'Du står på venteliste', intro: 'Hei {{name}}, «{{title}}» er full. Du står på ventelista og får melding så snart du får plass.' },
      cancelled: { subject: 'Påmeldinga er avmeld: {{title}}', heading: 'Du er avmeld', intro: 'Hei {{name}}, påmeldinga di til «{{title}}» er avmeld.' },
      rescheduled: { subject: 'Endra tid: {{title}}', heading: 'Arrangementet er flytta', intro: 'Hei {{name}}, «{{title}}» har fått ny tid. Den nye tida står under, og kalenderinvitasjonen er oppdatert.' },
      eventCancelled: { subject: 'Avlyst: {{title}}', heading: 'Arrangementet er avlyst', intro: 'Hei {{name}}, «{{title}}» er dessverre avlyst.' },
      reminder: { subject: 'Påminning: {{title}}', heading: 'Snart er det tid', intro: 'Hei {{name}}, dette er ei påminning om «{{title}}».' },
      when: 'Tid: {{when}}',
      where: 'Stad: {{where}}',
      online: 'på nett',
      join: 'Lenkje for å delta: {{url}}',
      calendar: 'Kalenderinvitasjonen ligg ved.',
      manage: 'Sjå eller meld av påmeldinga',
      footer: 'Sendt på vegner av {{organiser}}.',
    },
  },
  sv: {
    registration: {
      confirmed: { subject: 'Du är anmäld: {{title}}', heading: 'Du är anmäld', intro: 'Hej {{name}}, du har en plats på ”{{title}}”.' },
      promoted: { subject: 'Du har fått en plats: {{title}}', heading: 'Du har fått en plats', intro: 'Hej {{name}}, en plats blev ledig och den är din: ”{{title}}”.' },
      waitlisted: { subject: 'Du står på reservlistan: {{title}}', heading: 'Du står på reservlistan', intro: 'Hej {{name}}, ”{{title}}” är fullbokad. Du står på reservlistan och får besked så fort du får en plats.' },
      cancelled: { subject: 'Anmälan är avbokad: {{title}}', heading: 'Du är avanmäld', intro: 'Hej {{name}}, din anmälan till ”{{title}}” är avbokad.' },
      rescheduled: { subject: 'Ny tid: {{title}}', heading: 'Evenemanget har flyttats', intro: 'Hej {{name}}, ”{{title}}” har fått en ny tid. Den nya tiden står nedan och kalenderinbjudan är uppdaterad.' },
      eventCancelled: { subject: 'Inställt: {{title}}', heading: 'Evenemanget är inställt', intro: 'Hej {{name}}, ”{{title}}” är tyvärr inställt.' },
      reminder: { subject: 'Påminnelse: {{title}}', heading: 'Snart är det dags', intro: 'Hej {{name}}, det här är en påminnelse om ”{{title}}”.' },
      when: 'Tid: {{when}}',
      where: 'Plats: {{where}}',
      online: 'online',
      join: 'Länk för att delta: {{url}}',
      calendar: 'Kalenderinbjudan är bifogad.',
      manage: 'Se eller avboka din anmälan',
      footer: 'Skickat för {{organiser}}.',
    },
  },
  da: {
    registration: {
      confirmed: { subject: 'Du er tilmeldt: {{title}}', heading: 'Du er tilmeldt', intro: 'Hej {{name}}, du har en plads til »{{title}}«.' },
      promoted: { subject: 'Du har fået en plads: {{title}}', heading: 'Du har fået en plads', intro: 'Hej {{name}}, en plads blev ledig, og den er din: »{{title}}«.' },
      waitlisted: { subject: 'Du er på venteliste: {{title}}', heading: 'Du er på venteliste', intro: 'Hej {{name}}, »{{title}}« er fuldt booket. Du er på ventelisten og får besked, så snart du får en plads.' },
      cancelled: { subject: 'Tilmeldingen er afmeldt: {{title}}', heading: 'Du er afmeldt', intro: 'Hej {{name}}, din tilmelding til »{{title}}« er afmeldt.' },
      rescheduled: { subject: 'Nyt tidspunkt: {{title}}', heading: 'Arrangementet er flyttet', intro: 'Hej {{name}}, »{{title}}« har fået et nyt tidspunkt. Det nye tidspunkt står nedenfor, og kalenderinvitationen er opdateret.' },
      eventCancelled: { subject: 'Aflyst: {{title}}', heading: 'Arrangementet er aflyst', intro: 'Hej {{name}}, »{{title}}« er desværre aflyst.' },
      reminder: { subject: 'Påmindelse: {{title}}', heading: 'Snart er det tid', intro: 'Hej {{name}}, dette er en påmindelse om »{{title}}«.' },
      when: 'Tid: {{when}}',
      where: 'Sted: {{where}}',
      online: 'online',
      join: 'Link til at deltage: {{url}}',
      calendar: 'Kalenderinvitationen er vedhæftet.',
      manage: 'Se eller afmeld din tilmelding',
      footer: 'Sendt på vegne af {{organiser}}.',
    },
  },
  fi: {
    registration: {
      confirmed: { subject: 'Olet ilmoittautunut: {{title}}', heading: 'Ilmoittautumisesi on vahvistettu', intro: 'Hei {{name}}, sinulla on paikka tilaisuuteen ”{{title}}”.' },
      promoted: { subject: 'Sait paikan: {{title}}', heading: 'Sait paikan', intro: 'Hei {{name}}, paikka vapautui ja se on sinun: ”{{title}}”.' },
      waitlisted: { subject: 'Olet jonossa: {{title}}', heading: 'Olet varasijalla', intro: 'Hei {{name}}, ”{{title}}” on täynnä. Olet jonossa, ja saat viestin heti, kun saat paikan.' },
      cancelled: { subject: 'Ilmoittautuminen on peruttu: {{title}}', heading: 'Ilmoittautumisesi on peruttu', intro: 'Hei {{name}}, ilmoittautumisesi tilaisuuteen ”{{title}}” on peruttu.' },
      rescheduled: { subject: 'Uusi aika: {{title}}', heading: 'Tilaisuus on siirretty', intro: 'Hei {{name}}, tilaisuudella ”{{title}}” on uusi aika. Uusi aika on alla, ja kalenterikutsu on päivitetty.' },
      eventCancelled: { subject: 'Peruttu: {{title}}', heading: 'Tilaisuus on peruttu', intro: 'Hei {{name}}, tilaisuus ”{{title}}” on valitettavasti peruttu.' },
      reminder: { subject: 'Muistutus: {{title}}', heading: 'Tilaisuus lähestyy', intro: 'Hei {{name}}, tämä on muistutus tilaisuudesta ”{{title}}”.' },
      when: 'Aika: {{when}}',
      where: 'Paikka: {{where}}',
      online: 'verkossa',
      join: 'Osallistumislinkki: {{url}}',
      calendar: 'Kalenterikutsu on liitteenä.',
      manage: 'Katso tai peru ilmoittautumisesi',
      footer: 'Lähetetty järjestäjän {{organiser}} puolesta.',
    },
  },
  en: {
    registration: {
      confirmed: { subject: 'You are registered: {{title}}', heading: 'You are registered', intro: 'Hello {{name}}, you have a place at “{{title}}”.' },
      promoted: { subject: 'You have a place: {{title}}', heading: 'A place is yours', intro: 'Hello {{name}}, a place became free and it is yours: “{{title}}”.' },
      waitlisted: { subject: 'You are on the waiting list: {{title}}', heading: 'You are on the waiting list', intro: 'Hello {{name}}, “{{title}}” is full. You are on the waiting list and will hear from us as soon as you have a place.' },
      cancelled: { subject: 'Registration cancelled: {{title}}', heading: 'Your registration is cancelled', intro: 'Hello {{name}}, your registration for “{{title}}” is cancelled.' },
      rescheduled: { subject: 'New time: {{title}}', heading: 'The event has moved', intro: 'Hello {{name}}, “{{title}}” has a new time. It is below, and the calendar invitation is updated.' },
      eventCancelled: { subject: 'Cancelled: {{title}}', heading: 'The event is cancelled', intro: 'Hello {{name}}, we are sorry: “{{title}}” is cancelled.' },
      reminder: { subject: 'Reminder: {{title}}', heading: 'It is coming up', intro: 'Hello {{name}}, this is a reminder of “{{title}}”.' },
      when: 'When: {{when}}',
      where: 'Where: {{where}}',
      online: 'online',
      join: 'Join link: {{url}}',
      calendar: 'The calendar invitation is attached.',
      manage: 'See or cancel your registration',
      footer: 'Sent on behalf of {{organiser}}.',
    },
  },
};
