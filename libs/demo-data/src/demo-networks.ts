import type { Language } from '@hub/contracts';

/*
 * Demo data built from the networks' own public pages (shared/seeds/, read when this file was written; the hub never
 * reads them at run time). Ids are fixed so that seeding is an idempotent upsert in every service.
 */

export interface DemoNetwork {
  id: string;
  slug: string;
  name: string;
  country: 'NO' | 'SE' | 'DK' | 'FI';
  defaultLanguage: Language;
  languages: Language[];
  timeZone: string;
  description: string;
  sender: { fromName: string; fromAddress: string };
}

export interface DemoMailingList {
  id: string;
  networkId: string;
  names: Partial<Record<Language, string>>;
  isPublic: boolean;
}

export const DEMO_NETWORKS: DemoNetwork[] = [
  {
    id: '5308cfeb-3a0f-4a1b-9d60-1a5fa3df4f66',
    slug: 'klimatkommunerna',
    name: 'Klimatkommunerna',
    country: 'SE',
    defaultLanguage: 'sv',
    languages: ['sv', 'en'],
    timeZone: 'Europe/Stockholm',
    description:
      'Ideell förening för kommuner och regioner med ett klimatarbete i framkant. Nätverksträffar tre gånger om året, webbmöten och maillista däremellan.',
    sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example' },
  },
  {
    id: '2d39e3d4-825d-4eb1-983e-326b30d0f191',
    slug: 'sveriges-ekokommuner',
    name: 'Sveriges Ekokommuner',
    country: 'SE',
    defaultLanguage: 'sv',
    languages: ['sv', 'en'],
    timeZone: 'Europe/Stockholm',
    description:
      'Världens äldsta kommunnätverk för hållbar utveckling: kommuner, landsting och regioner med tolv gemensamma nyckeltal.',
    sender: { fromName: 'Sveriges Ekokommuner', fromAddress: 'kansliet@sekom.example' },
  },
  {
    id: '60c5ba56-3fc7-4bd7-949e-f497f7e7d0dd',
    slug: 'baerekraftsnettverket',
    name: 'Bærekraftsnettverket',
    country: 'NO',
    defaultLanguage: 'nb',
    languages: ['nb', 'nn', 'en'],
    timeZone: 'Europe/Oslo',
    description:
      'Grasrotnettverk av 16 kommuner og fylkeskommuner som jobber med å nå bærekraftsmålene lokalt, med felles data og rammeverk.',
    sender: { fromName: 'Bærekraftsnettverket', fromAddress: 'post@baerekraftsnettverket.example' },
  },
  {
    id: '27fad4a7-0dd6-457f-a2a4-74863357600d',
    slug: 'klimanettverk-innlandet',
    name: 'Klima- og energirådgivere i Innlandet',
    country: 'NO',
    defaultLanguage: 'nb',
    languages: ['nb', 'nn'],
    timeZone: 'Europe/Oslo',
    description:
      'Energiråd Innlandets nettverk for ansatte i kommunene som jobber med energi- og klimatiltak, med nettverkstreff før jul hvert år.',
    sender: { fromName: 'Energiråd Innlandet', fromAddress: 'post@energiradinnlandet.example' },
  },
  {
    id: 'a8278b24-8cc8-45a4-a51c-28c53554c45c',
    slug: 'green-cities',
    name: 'Green Cities',
    country: 'DK',
    defaultLanguage: 'da',
    languages: ['da', 'sv', 'en'],
    timeZone: 'Europe/Copenhagen',
    description:
      'Miljøkommunerne: Albertslund, Allerød, Ballerup, Fredericia, Herning, Kolding, København og Malmø, med Greve som observatør.',
    sender: { fromName: 'Green Cities', fromAddress: 'sekretariat@miljokommunerne.example' },
  },
];

export const DEMO_MAILING_LISTS: DemoMailingList[] = [
  {
    id: '6190cbc9-8ee9-405c-93ae-04c88968dd1c',
    networkId: DEMO_NETWORKS[0].id,
    names: { sv: 'Klimatkommunernas nyhetsbrev', en: 'Klimatkommunerna newsletter' },
    isPublic: true,
  },
  {
    id: '67f5fd51-81d3-4c66-971a-e067eeb27e15',
    networkId: DEMO_NETWORKS[1].id,
    names: { sv: 'Sveriges Ekokommuners nyhetsbrev', en: 'Sveriges Ekokommuner newsletter' },
    isPublic: true,
  },
  {
    id: '8b3c92d6-cb44-4ef3-8017-4dbc0f49a54c',
    networkId: DEMO_NETWORKS[2].id,
    names: { nb: 'Nyhetsbrev fra Bærekraftsnettverket', nn: 'Nyheitsbrev frå Bærekraftsnettverket', en: 'Bærekraftsnettverket newsletter' },
    isPublic: true,
  },
  {
    id: '65fb0c30-63b7-4a70-99a9-a5133d68e233',
    networkId: DEMO_NETWORKS[3].id,
    names: { nb: 'E-postliste for klima- og energirådgivere', nn: 'E-postliste for klima- og energirådgjevarar' },
    isPublic: true,
  },
  {
    id: '96e3b5a4-7973-44b7-bd6d-1ab2d3adbbbf',
    networkId: DEMO_NETWORKS[4].id,
    names: { da: 'Green Cities nyhedsbrev', sv: 'Green Cities nyhetsbrev', en: 'Green Cities newsletter' },
    isPublic: true,
  },
];
