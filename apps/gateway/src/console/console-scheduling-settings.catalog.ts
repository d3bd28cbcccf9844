import type { Language } from '@hub/contracts';

/**
 * The words of the console's reminders and retention settings and of its export links, merged into the console's
 * catalogue; pages/page-catalog.spec.ts fails when a language lacks a key English has.
 */
export const CONSOLE_SCHEDULING_SETTINGS_CATALOG: Record<Language, object> = {
  en: {
    schedulingSettings: {
      title: 'Reminders and retention',
      intro: 'Everyone registered gets an email reminder at each time chosen before an event. When an event has ended, its registrations are kept for the retention period and then anonymised: names, addresses and answers are removed, the counts stay.',
      offsets: 'Send reminders before each event',
      offsetsHint: 'Choose at most 5. Choose none to send no reminders.',
      none: 'No reminders',
      retentionDays: 'Keep registrations for this many days after the event',
      retentionHint: 'From 1 to 3650 days.',
      submit: 'Save reminders and retention',
      saved: 'The reminders and the retention period are saved.',
      errors: {
        reminderOffsets: 'Choose at most 5 of the reminder times shown.',
        retentionDays: 'Enter a whole number of days from 1 to 3650.',
      },
    },
    exports: {
      contactsCsv: 'Export these contacts (CSV)',
      registrationsCsv: 'Download the participants (CSV)',
      registrationsXlsx: 'Download the participants (Excel)',
    },
  },
  nb: {
    schedulingSettings: {
      title: 'Påminnelser og lagringstid',
      intro: 'Alle påmeldte får en påminnelse på e-post ved hvert valgte tidspunkt før et arrangement. Når et arrangement er over, beholdes påmeldingene i lagringstiden og anonymiseres deretter: navn, adresser og svar fjernes, antallene blir stående.',
      offsets: 'Send påminnelser før hvert arrangement',
      offsetsHint: 'Velg høyst 5. Velg ingen for ikke å sende påminnelser.',
      none: 'Ingen påminnelser',
      retentionDays: 'Behold påmeldinger så mange dager etter arrangementet',
      retentionHint: 'Fra 1 til 3650 dager.',
      submit: 'Lagre påminnelser og lagringstid',
      saved: 'Påminnelsene og lagringstiden er lagret.',
      errors: {
        reminderOffsets: 'Velg høyst 5 av tidspunktene for påminnelser.',
        retentionDays: 'Skriv et helt antall dager fra 1 til 3650.',
      },
    },
    exports: {
      contactsCsv: 'Eksporter disse kontaktene (CSV)',
      registrationsCsv: 'Last ned deltakerne (CSV)',
      registrationsXlsx: 'Last ned deltakerne (Excel)',
    },
  },
  nn: {
    schedulingSettings: {
      title: 'Påminningar og lagringstid',
      intro: 'Alle påmelde får ei påminning på e-post ved kvart valt tidspunkt før eit arrangement. Når eit arrangement er over, vert påmeldingane haldne i lagringstida og deretter anonymiserte: namn, adresser og svar vert fjerna, tala står att.',
      offsets: 'Send påminningar før kvart arrangement',
      offsetsHint: 'Vel høgst 5. Vel ingen for ikkje å sende påminningar.',
      none: 'Ingen påminningar',
      retentionDays: 'Hald på påmeldingar så mange dagar etter arrangementet',
      retentionHint: 'Frå 1 til 3650 dagar.',
      submit: 'Lagre påminningar og lagringstid',
      saved: 'Påminningane og lagringstida er lagra.',
      errors: {
        reminderOffsets: 'Vel høgst 5 av tidspunkta for påminningar.',
        retentionDays: 'Skriv eit heilt tal dagar frå 1 til 3650.',
      },
    },
    exports: {
      contactsCsv: 'Eksporter desse kontaktane (CSV)',
      registrationsCsv: 'Last ned deltakarane (CSV)',
      registrationsXlsx: 'Last ned deltakarane (Excel)',
    },
  },
  sv: {
    schedulingSettings: {
      title: 'Påminnelser och lagringstid',
      intro: 'Alla anmälda får en påminnelse via e-post vid varje vald tidpunkt före ett evenemang. När ett evenemang är slut sparas anmälningarna under lagringstiden och anonymiseras sedan: namn, adresser och svar tas bort, antalen finns kvar.',
      offsets: 'Skicka påminnelser före varje evenemang',
      offsetsHint: 'Välj högst 5. Välj ingen för att inte skicka några påminnelser.',
      none: 'Inga påminnelser',
      retentionDays: 'Spara anmälningar så många dagar efter evenemanget',
      retentionHint: 'Från 1 till 3650 dagar.',
      submit: 'Spara påminnelser och lagringstid',
      saved: 'Påminnelserna och lagringstiden är sparade.',
      errors: {
        reminderOffsets: 'Välj högst 5 av tidpunkterna för påminnelser.',
        retentionDays: 'Ange ett helt antal dagar från 1 till 3650.',
      },
    },
    exports: {
      contactsCsv: 'Exportera dessa kontakter (CSV)',
      registrationsCsv: 'Ladda ner deltagarna (CSV)',
      registrationsXlsx: 'Ladda ner deltagarna (Excel)',
    },
  },
  da: {
    schedulingSettings: {
      title: 'Påmindelser og opbevaringstid',
      intro: 'Alle tilmeldte får en påmindelse på e-mail på hvert valgt tidspunkt før et arrangement. Når et arrangement er slut, gemmes tilmeldingerne i opbevaringstiden og anonymiseres derefter: navne, adresser og svar fjernes, antallene bliver stående.',
      offsets: 'Send påmindelser før hvert arrangement',
      offsetsHint: 'Vælg højst 5. Vælg ingen for ikke at sende påmindelser.',
      none: 'Ingen påmindelser',
      retentionDays: 'Gem tilmeldinger så mange dage efter arrangementet',
      retentionHint: 'Fra 1 til 3650 dage.',
      submit: 'Gem påmindelser og opbevaringstid',
      saved: 'Påmindelserne og opbevaringstiden er gemt.',
      errors: {
        reminderOffsets: 'Vælg højst 5 af tidspunkterne for påmindelser.',
        retentionDays: 'Skriv et helt antal dage fra 1 til 3650.',
      },
    },
    exports: {
      contactsCsv: 'Eksportér disse kontakter (CSV)',
      registrationsCsv: 'Hent deltagerne (CSV)',
      registrationsXlsx: 'Hent deltagerne (Excel)',
    },
  },
  fi: {
    schedulingSettings: {
      title: 'Muistutukset ja säilytysaika',
      intro: 'Jokainen ilmoittautunut saa sähköpostimuistutuksen jokaisena valittuna ajankohtana ennen tapahtumaa. Tapahtuman päätyttyä ilmoittautumiset säilytetään säilytysajan ja anonymisoidaan sitten: nimet, osoitteet ja vastaukset poistetaan, määrät säilyvät.',
      offsets: 'Lähetä muistutukset ennen jokaista tapahtumaa',
      offsetsHint: 'Valitse enintään 5. Jos et valitse yhtään, muistutuksia ei lähetetä.',
      none: 'Ei muistutuksia',
      retentionDays: 'Säilytä ilmoittautumiset näin monta päivää tapahtuman jälkeen',
      retentionHint: '1–3650 päivää.',
      submit: 'Tallenna muistutukset ja säilytysaika',
      saved: 'Muistutukset ja säilytysaika on tallennettu.',
      errors: {
        reminderOffsets: 'Valitse enintään 5 näytetyistä muistutusajankohdista.',
        retentionDays: 'Anna kokonainen päivien määrä väliltä 1–3650.',
      },
    },
    exports: {
      contactsCsv: 'Vie nämä yhteystiedot (CSV)',
      registrationsCsv: 'Lataa osallistujat (CSV)',
      registrationsXlsx: 'Lataa osallistujat (Excel)',
    },
  },
};
