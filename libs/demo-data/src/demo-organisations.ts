import { DEMO_NETWORKS } from './demo-networks';

/*
 * Member organisations of the demo networks, from the networks' own public pages (shared/seeds/, read when this
 * file was written; the hub never reads them at run time). Official codes are the real ones; inhabitants are rounded
 * figures of early 2024. The seeds name who takes part but seldom since when, so joining dates are the year the seed
 * gives (Klimatkommunerna 2003, Sveriges Ekokommuner 1995, the Dogme collaboration 2000) or a plausible one.
 * Where a membership is not in a seed, its comment says so.
 */

export interface DemoOrganisation {
  id: string;
  name: string;
  kind: 'municipality' | 'county' | 'region' | 'other';
  country: 'NO' | 'SE' | 'DK' | 'FI';
  officialCode: string | null;
  inhabitants: number | null;
}

export interface DemoMembership {
  id: string;
  networkId: string;
  organisationId: string;
  status: 'member' | 'observer';
  /** Calendar dates, YYYY-MM-DD. */
  joinedOn: string;
  observerUntil: string | null;
}

const network = (slug: string): string => {
  const found = DEMO_NETWORKS.find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no demo network ${slug}`);
  return found.id;
};

const municipality = (
  id: string,
  country: DemoOrganisation['country'],
  officialCode: string,
  name: string,
  inhabitants: number,
): DemoOrganisation => ({ id, name, kind: 'municipality', country, officialCode, inhabitants });

export const DEMO_ORGANISATIONS = {
  // Denmark: the Green Cities municipalities (kommunekode)
  kobenhavn: municipality('d75874b0-399d-4949-ad46-d5977357aad5', 'DK', '101', 'København', 660_000),
  albertslund: municipality('57695b68-135e-426e-b774-3108ff47dd72', 'DK', '165', 'Albertslund', 28_000),
  allerod: municipality('00a660d2-f918-4d20-802f-622fb6b7bdc6', 'DK', '201', 'Allerød', 26_000),
  ballerup: municipality('2c76d65d-d0da-4e7d-8de3-15255b3ffa31', 'DK', '151', 'Ballerup', 52_000),
  fredericia: municipality('6abb2049-267b-48f9-8466-fb0c6cf4abaf', 'DK', '607', 'Fredericia', 52_000),
  herning: municipality('45d149c3-9b87-4278-a281-affb665a4f17', 'DK', '657', 'Herning', 90_000),
  kolding: municipality('a1b85158-5728-49ea-a4cf-b3d7f8fa12e4', 'DK', '621', 'Kolding', 95_000),
  greve: municipality('73a3e2a2-5429-46ab-a178-cedb28e689dc', 'DK', '253', 'Greve', 51_000),
  // Sweden (kommunkod)
  malmo: municipality('27452caf-bb38-4583-b424-34968f62b1ee', 'SE', '1280', 'Malmö', 362_000),
  lund: municipality('94bec4ae-f720-423b-8d3f-b7047c796aa5', 'SE', '1281', 'Lund', 129_000),
  hoor: municipality('426b7766-51f7-41eb-ad08-03ae16f4d905', 'SE', '1267', 'Höör', 17_000),
  falkenberg: municipality('54f700a3-845c-424d-b731-12652eb689b5', 'SE', '1382', 'Falkenberg', 46_000),
  helsingborg: municipality('858da1e9-9a34-4a0c-8b68-7604ce2597b5', 'SE', '1283', 'Helsingborg', 152_000),
  karlskrona: municipality('b8c9afb8-a403-48d5-a464-1a20b20d7466', 'SE', '1080', 'Karlskrona', 67_000),
  overtornea: municipality('7e0db0fc-63bc-4239-a664-08e8cc226185', 'SE', '2518', 'Övertorneå', 4_300),
  // Norway (kommunenummer and fylkesnummer as of 2024)
  trondheim: municipality('9138aa1d-c7a5-4f67-8234-7ec3bb7bbcfc', 'NO', '5001', 'Trondheim', 214_000),
  asker: municipality('a43a1e3a-9b90-4e38-9941-09ea01d58792', 'NO', '3203', 'Asker', 98_000),
  bergen: municipality('351cd9d7-b8be-4283-b72f-3813904dd0ba', 'NO', '4601', 'Bergen', 292_000),
  trondelag: {
    id: '50cc32cd-88b0-49e1-b162-a6fc76176bb9',
    name: 'Trøndelag fylkeskommune',
    kind: 'county',
    country: 'NO',
    officialCode: '50',
    inhabitants: 483_000,
  },
  kongsvinger: municipality('e6e54c34-93d7-493a-9f4a-e3c1c24f06ef', 'NO', '3401', 'Kongsvinger', 18_000),
  hamar: municipality('7a88177d-0807-437b-9e28-039a87179469', 'NO', '3403', 'Hamar', 32_800),
  lillehammer: municipality('6d50127e-8f90-444d-b10a-79afead24d50', 'NO', '3405', 'Lillehammer', 28_900),
  gjovik: municipality('249022bd-fbc4-489d-b095-8c4c8e85196e', 'NO', '3407', 'Gjøvik', 30_900),
  elverum: municipality('c8a7b9b9-3111-4602-ab77-b80e0e7d567a', 'NO', '3420', 'Elverum', 21_800),
  innlandet: {
    id: '0dadbe79-bccb-4617-828f-a8c96bfefd2a',
    name: 'Innlandet fylkeskommune',
    kind: 'county',
    country: 'NO',
    officialCode: '34',
    inhabitants: 375_000,
  },
  // Finland (kuntanumero): where the eco-municipality idea began in 1980; in none of the hub's networks.
  suomussalmi: municipality('d1bb4941-efed-44be-a520-e402a1ebadbe', 'FI', '777', 'Suomussalmi', 7_400),
} satisfies Record<string, DemoOrganisation>;

const o = DEMO_ORGANISATIONS;

const member = (id: string, networkId: string, organisation: DemoOrganisation, joinedOn: string): DemoMembership => ({
  id,
  networkId,
  organisationId: organisation.id,
  status: 'member',
  joinedOn,
  observerUntil: null,
});

const observer = (id: string, networkId: string, organisation: DemoOrganisation, joinedOn: string, observerUntil: string): DemoMembership => ({
  id,
  networkId,
  organisationId: organisation.id,
  status: 'observer',
  joinedOn,
  observerUntil,
});

const greenCities = network('green-cities');
const klimatkommunerna = network('klimatkommunerna');
const ekokommuner = network('sveriges-ekokommuner');
const baerekraft = network('baerekraftsnettverket');
const innlandet = network('klimanettverk-innlandet');

export const DEMO_MEMBERSHIPS: DemoMembership[] = [
  // "Albertslund, Allerød, Ballerup, Fredericia, Herning, Kolding, København og Malmø. Greve Kommune er med som observatør."
  member('b2d61a1c-a8da-4f0a-947a-ddab82a28fb5', greenCities, o.albertslund, '2000-01-01'),
  member('935aed0d-2f3e-41e1-8c41-bb84dcf8db1b', greenCities, o.allerod, '2000-01-01'),
  member('5d425db1-a785-43dd-9771-909b66e3d7cb', greenCities, o.ballerup, '2000-01-01'),
  member('11913b3b-1de1-4f63-be55-cd3690b6eb31', greenCities, o.fredericia, '2000-01-01'),
  member('a86eacc7-1e2d-451d-b843-7492e0321745', greenCities, o.herning, '2000-01-01'),
  member('361fd989-4f26-4df8-adff-152c27866e9c', greenCities, o.kolding, '2000-01-01'),
  member('84909871-a439-4396-82e2-5016cc1bd8e4', greenCities, o.kobenhavn, '2000-01-01'),
  member('3704296e-fd86-4575-adb4-2d8f71eb6a38', greenCities, o.malmo, '2000-01-01'),
  // The seed gives no end to Greve's observation; the model needs one.
  observer('fc39a4d7-c2f8-42cd-97fd-41132e4853ac', greenCities, o.greve, '2024-01-01', '2030-12-31'),
  // "Lunds kommun ansökte 2001 ... Klimatkommunerna startade som ett nätverk 1 januari 2003"
  member('b2a09abb-c4af-4828-a109-fe8e25f3e6dc', klimatkommunerna, o.lund, '2003-01-01'),
  // Not in the seed: a municipality that observed for the year the seed offers and then did not apply.
  observer('6e12bdaf-5b78-4878-b94c-1111755aca85', klimatkommunerna, o.hoor, '2023-03-01', '2024-02-29'),
  // Falkenberg "gick med i Sekom 1995, från start"; Helsingborg's councillor sits on the board; Karlskrona runs the
  // secretariat; Övertorneå was Sweden's first eco-municipality (1983).
  member('b525a8ed-f84e-4abd-911f-0618ba63ac7f', ekokommuner, o.falkenberg, '1995-01-01'),
  member('051a3b94-9def-4f92-986b-9553995a4d0d', ekokommuner, o.helsingborg, '1995-01-01'),
  member('a87073ca-ff8a-4837-8647-4c21383909be', ekokommuner, o.karlskrona, '1995-01-01'),
  member('330e97de-1cfa-4061-a406-8430e8014047', ekokommuner, o.overtornea, '1995-01-01'),
  // Trondheim leads the network ("16 kommuner og fylker"); the others stand in for the rest of them.
  member('540df636-08e0-44f1-a2eb-340ab33bc2ee', baerekraft, o.trondheim, '2019-01-01'),
  member('b595fad2-d98a-4cd9-89ff-a24b28fca772', baerekraft, o.asker, '2019-01-01'),
  member('b97ca86d-9ec3-4176-ba59-6cdeda08abb4', baerekraft, o.bergen, '2019-01-01'),
  member('f34ea97b-310b-4ffc-9f77-26fb46bd80a2', baerekraft, o.trondelag, '2019-01-01'),
  // Not in the seed: puts Innlandet fylkeskommune in two networks, to show a multi-network answer.
  member('c392f65e-14e0-4dfd-b39a-3e2bf2f8fb40', baerekraft, o.innlandet, '2021-01-01'),
  // Energiråd Innlandet's advisers: "kommunene i Hedmark og Oppland", since 2020 Innlandet, "samt fylkeskommunene".
  member('4288d30f-1457-4e04-8c43-cd594c54ceea', innlandet, o.kongsvinger, '2020-01-01'),
  member('171a80c2-bfa4-4699-9f68-f5f5f6ae4b80', innlandet, o.hamar, '2020-01-01'),
  member('4c75a430-9d75-4352-bd9d-b894f0df1826', innlandet, o.lillehammer, '2020-01-01'),
  member('ce918894-5b15-4154-979d-6532da03199c', innlandet, o.gjovik, '2020-01-01'),
  member('fca826a4-df29-4171-960a-9047cb5e630f', innlandet, o.elverum, '2020-01-01'),
  member('9c481240-43e1-4905-94b2-7669193aa22d', innlandet, o.innlandet, '2020-01-01'),
];
