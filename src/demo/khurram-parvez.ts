import type { CaseStageKind, StatusOverride } from '../cases/case-stages';
import type { PeriodPosition } from '../cases/detention-history';
import type { ChargeStatus } from '../charges/charge.entity';
import type { DatePrecision, IsoDate, Visibility } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { DefenderContact } from '../defenders/defender.entity';
import type { EventType } from '../events/event.entity';
import type { HearingStatus } from '../hearings/hearing.entity';

// Khurram Parvez's case as the demo loads it: the facts of CIVICUS's chronology and statements
// (../shared/fixtures/khurram-parvez-*.txt), retold in our own words. Plain data, no database types.
// Ids are fixed so that loading the demo again finds what it loaded before instead of duplicating it;
// never renumber them.

export interface DemoDefender {
  id: string;
  fullName: string;
  otherNames: string[];
  country: string;
  profession: string;
  affiliations: string[];
  bio: string;
  contacts: DefenderContact[];
}

export interface DemoCharge {
  kind: 'charge';
  id: string;
  law: string;
  section: string;
  offence: string;
  broughtOn: IsoDate | null;
  status: ChargeStatus;
  visibility: Visibility;
}

/** A past court date known only by its day: stored at local midnight with timeKnown false. */
export interface DemoHearing {
  kind: 'hearing';
  id: string;
  date: IsoDate;
  court: string | null;
  judge: string | null;
  purpose: string;
  /** The stage it belongs to when the sources say (the first hearing of the trial). */
  stage?: CaseStageKind;
  status: HearingStatus;
  outcome: string | null;
  outcomeNotes: string | null;
  visibility: Visibility;
}

export interface DemoCustodyOrder {
  kind: 'custody_order';
  id: string;
  custodyKind: CustodyKind;
  orderedOn: IsoDate;
  days: number | null;
  /** The end date as the court stated it, kept even when it disagrees with orderedOn + days. */
  until: IsoDate | null;
  court: string | null;
  judge: string | null;
  place: string | null;
  hearingId: string | null;
  notes: string | null;
  visibility: Visibility;
}

export interface DemoSource {
  id: string;
  citation: string;
}

export interface DemoEvent {
  kind: 'event';
  id: string;
  occurredOn: IsoDate;
  precision: DatePrecision;
  type: EventType;
  title: string;
  description: string;
  visibility: Visibility;
  sources: DemoSource[];
  /** Set where the story needs it, as a caseworker would place the entry by hand. */
  periodPosition?: PeriodPosition;
}

export interface DemoCase {
  id: string;
  title: string;
  country: string;
  timezone: string;
  caseNumber: string | null;
  court: string | null;
  /** The status is derived from the entries; closed says what no entry can. */
  statusOverride: StatusOverride | null;
  placeOfDetention: string | null;
  /**
   * The detention (arrest, release, status) is not typed in: it is derived from these entries.
   * The case's story in the order it is told: by date, and within a day in the order things
   * happened. Loading keeps that order for entries that share a day.
   */
  entries: DemoEntry[];
}

export type DemoEntry = DemoCharge | DemoHearing | DemoCustodyOrder | DemoEvent;

export interface DemoData {
  defender: DemoDefender;
  cases: DemoCase[];
}

const TABLE_CODE = {
  defender: 1,
  case: 2,
  charge: 3,
  hearing: 4,
  custodyOrder: 5,
  event: 6,
  eventSource: 7,
} as const;

/** A fixed, valid v4-shaped uuid, recognisable as demo data: de300000-0000-4000-8<table>-<n>. */
export const demoId = (table: keyof typeof TABLE_CODE, n: number): string =>
  `de300000-0000-4000-8${TABLE_CODE[table].toString().padStart(3, '0')}-${n.toString().padStart(12, '0')}`;

const IPC = 'Indian Penal Code 1860';
const UAPA = 'Unlawful Activities (Prevention) Act 1967';
const PCA = 'Prevention of Corruption Act 1988';
const PSA = 'Jammu and Kashmir Public Safety Act 1978';
const NIA_SPECIAL_COURT = 'NIA Special Court, New Delhi';
const TIHAR = 'Tihar prison, New Delhi';

const CHRONOLOGY = 'CIVICUS, "India: Chronology of harassment against human rights defender Khurram Parvez"';
const source = (n: number, citation = CHRONOLOGY): DemoSource[] => [
  { id: demoId('eventSource', n), citation },
];

export const KHURRAM_PARVEZ_DEFENDER: DemoDefender = {
  id: demoId('defender', 1),
  fullName: 'Khurram Parvez',
  otherNames: ['Khurram Pervez', 'خرم پرویز'],
  country: 'IN',
  profession: 'Human rights defender',
  affiliations: [
    'Jammu and Kashmir Coalition of Civil Society (JKCCS)',
    'Asian Federation Against Involuntary Disappearances (AFAD)',
  ],
  bio:
    'Srinagar-based defender, 44 when CIVICUS compiled its chronology. He coordinates the programmes of ' +
    'JKCCS, an alliance of campaigning, research and advocacy groups that monitors and investigates abuses ' +
    'in Jammu and Kashmir, and chairs AFAD, which brings together NGOs from ten Asian countries working ' +
    'against enforced disappearances. His documentation covers enforced disappearances and unlawful ' +
    'killings in Indian-administered Kashmir. In custody since November 2021, accused of conspiracy and ' +
    'terrorism offences under the Indian Penal Code and the UAPA, which CIVICUS considers fabricated to ' +
    'punish his activism.',
  contacts: [
    {
      name: 'Demo Contact (fictional)',
      relation: 'defence lawyer',
      email: 'defence-lawyer@demo.invalid',
      notes:
        'DEMO DATA: an invented contact that shows how confidential contacts are handled. Not a real person.',
    },
  ],
};

export const PSA_DETENTION_2016: DemoCase = {
  id: demoId('case', 1),
  title: 'Public Safety Act detention, 2016',
  country: 'IN',
  timezone: 'Asia/Kolkata',
  caseNumber: null,
  court: null,
  statusOverride: 'closed',
  placeOfDetention: null,
  // Only the month of the arrest is known, and only the year of the release.
  entries: [
    {
      // A September arrest plus 76 days lands between 16 November and 15 December 2016, so only the
      // year of the release is certain. The detention history places a release known to the year
      // at the year's end, after the September arrest.
      kind: 'event',
      id: demoId('event', 3),
      occurredOn: '2016-01-01',
      precision: 'year',
      type: 'release',
      title: 'Released after 76 days',
      description: 'Freed after 76 days in detention under the Public Safety Act.',
      visibility: 'public',
      sources: source(3),
    },
    {
      kind: 'event',
      id: demoId('event', 1),
      occurredOn: '2016-09-01',
      precision: 'month',
      type: 'travel_ban',
      // The day before the arrest, also known only to the month: placed by hand before it.
      periodPosition: 'start',
      title: 'Stopped from travelling to Geneva',
      description:
        'Prevented from leaving for Switzerland, where he meant to take part in the 33rd session of the UN ' +
        'Human Rights Council.',
      visibility: 'public',
      sources: source(1),
    },
    {
      kind: 'event',
      id: demoId('event', 2),
      occurredOn: '2016-09-01',
      precision: 'month',
      type: 'arrest',
      title: 'Arrested and held under the Public Safety Act',
      description:
        'Arrested by the Indian authorities the day after the travel ban and detained under the Jammu and ' +
        'Kashmir Public Safety Act, which permits up to two years of detention without charge.',
      visibility: 'public',
      sources: source(2),
    },
    {
      kind: 'charge',
      id: demoId('charge', 1),
      law: PSA,
      // The sources name the Act but no section, and give no day for the order.
      section: 'unspecified',
      offence: 'detention order: the Act allows holding a person for up to two years without charge or trial',
      broughtOn: null,
      status: 'alleged',
      visibility: 'public',
    },
  ],
};

const charges = (
  firstNumber: number,
  broughtOn: IsoDate,
  status: ChargeStatus,
  list: readonly (readonly [law: string, section: string, offence: string])[],
): DemoCharge[] =>
  list.map(([law, section, offence], i) => ({
    kind: 'charge',
    id: demoId('charge', firstNumber + i),
    law,
    section,
    offence,
    broughtOn,
    status,
    visibility: 'public',
  }));

const NIA_HEARING_OF_4_DECEMBER_2021 = demoId('hearing', 2);

export const NIA_CASE_2021: DemoCase = {
  id: demoId('case', 2),
  title: 'NIA case: conspiracy and UAPA terrorism charges, 2021',
  country: 'IN',
  timezone: 'Asia/Kolkata',
  caseNumber: null,
  court: NIA_SPECIAL_COURT,
  statusOverride: null,
  placeOfDetention: TIHAR,
  entries: [
    {
      kind: 'event',
      id: demoId('event', 101),
      occurredOn: '2020-10-01',
      precision: 'month',
      type: 'raid',
      title: 'NIA raids across Jammu and Kashmir, his home among them',
      description:
        'The NIA searched the homes and offices of several defenders, NGOs and news outlets across Jammu ' +
        'and Kashmir in nine raids carried out at the same time; his house was one of the places searched.',
      visibility: 'public',
      sources: source(101),
    },
    {
      kind: 'event',
      id: demoId('event', 102),
      occurredOn: '2021-11-06',
      precision: 'day',
      type: 'other',
      title: 'NIA registers a First Information Report',
      description: 'The NIA lodged the FIR that the arrest memo of 22 November 2021 later relied on.',
      visibility: 'public',
      sources: source(102),
    },
    {
      kind: 'event',
      id: demoId('event', 103),
      occurredOn: '2021-11-22',
      precision: 'day',
      type: 'raid',
      title: 'Home and JKCCS office searched',
      description:
        'NIA officers, helped by local police, spent about 14 hours searching his house and the JKCCS ' +
        'office in Srinagar, and took away his phone, his laptop and a number of books.',
      visibility: 'public',
      sources: source(103),
    },
    {
      kind: 'event',
      id: demoId('event', 104),
      occurredOn: '2021-11-22',
      precision: 'day',
      type: 'arrest',
      title: 'Arrested by the NIA',
      description:
        'Taken that evening to the NIA office in Srinagar for questioning. Around 6 pm officers rang his ' +
        'family and asked them to bring him clothes; when they arrived they were handed an arrest memo based ' +
        'on the FIR of 6 November 2021. He is accused of contacts with people linked to a militant group ' +
        'based in Pakistan.',
      visibility: 'public',
      sources: source(104),
    },
    // The charges listed in the arrest memo.
    ...charges(101, '2021-11-22', 'alleged', [
      [IPC, '120B', 'criminal conspiracy'],
      [IPC, '121', 'waging war against the Government of India'],
      [IPC, '121A', 'conspiring to wage war against the Government of India'],
      [UAPA, '17', 'raising funds for terrorist acts'],
      [UAPA, '18', 'conspiracy'],
      [UAPA, '18B', 'recruiting people to commit a terrorist act'],
      [UAPA, '38', 'membership of a terrorist organisation'],
      [UAPA, '40', 'raising funds for a terrorist organisation'],
    ]),
    {
      kind: 'custody_order',
      id: demoId('custodyOrder', 1),
      custodyKind: 'police',
      orderedOn: '2021-11-22',
      days: null,
      until: null,
      court: null,
      judge: null,
      place: 'NIA premises, Srinagar; New Delhi from 24 November 2021',
      hearingId: null,
      notes: 'Held by the NIA after arrest; the length of this custody was not reported. It lasted 12 days.',
      visibility: 'public',
    },
    {
      kind: 'event',
      id: demoId('event', 105),
      occurredOn: '2021-11-24',
      precision: 'day',
      type: 'transfer',
      title: 'Moved to New Delhi',
      description: 'Taken to New Delhi, still in the custody of the NIA.',
      visibility: 'public',
      sources: source(105),
    },
    {
      kind: 'hearing',
      id: demoId('hearing', 1),
      date: '2021-11-30',
      court: 'NIA court',
      judge: null,
      purpose: 'First appearance after the arrest',
      status: 'held',
      outcome: 'Appeared before the NIA court; stayed in NIA custody',
      outcomeNotes: null,
      visibility: 'public',
    },
    {
      kind: 'event',
      id: demoId('event', 106),
      occurredOn: '2021-12-02',
      precision: 'day',
      type: 'un_action',
      title: 'UN experts call for his release',
      description:
        'UN human rights experts said they were troubled by his arrest under the UAPA, described his ' +
        'continued detention as apparently another act of retaliation for his work as a defender and for ' +
        'speaking out about abuses, and asked for him to be freed.',
      visibility: 'public',
      sources: source(106, 'Statement by UN human rights experts, 2 December 2021'),
    },
    {
      kind: 'hearing',
      id: NIA_HEARING_OF_4_DECEMBER_2021,
      date: '2021-12-04',
      court: NIA_SPECIAL_COURT,
      judge: 'Parveen Singh',
      purpose: 'Production at the end of NIA custody',
      status: 'held',
      outcome: 'Detention extended by 20 days; transfer to Tihar prison ordered',
      outcomeNotes: 'He had spent 12 days in NIA custody before this appearance.',
      visibility: 'public',
    },
    {
      kind: 'custody_order',
      id: demoId('custodyOrder', 2),
      custodyKind: 'judicial',
      orderedOn: '2021-12-04',
      days: 20,
      until: null,
      court: NIA_SPECIAL_COURT,
      judge: 'Parveen Singh',
      place: TIHAR,
      hearingId: NIA_HEARING_OF_4_DECEMBER_2021,
      notes: 'Transfer to Tihar prison ordered.',
      visibility: 'public',
    },
    {
      // As reported: 30 days and an end of 21 January 2022, though 25 December + 30 days is
      // 24 January. Both are kept; the custody clock flags the disagreement.
      kind: 'custody_order',
      id: demoId('custodyOrder', 3),
      custodyKind: 'judicial',
      orderedOn: '2021-12-25',
      days: 30,
      until: '2022-01-21',
      court: null,
      judge: null,
      place: TIHAR,
      hearingId: null,
      notes: null,
      visibility: 'public',
    },
    {
      // Known only from a CIVICUS statement published before it; the sources do not say what happened.
      kind: 'hearing',
      id: demoId('hearing', 3),
      date: '2022-01-21',
      court: null,
      judge: null,
      purpose: 'Hearing; ahead of it CIVICUS urged his immediate and unconditional release',
      status: 'held',
      outcome: null,
      outcomeNotes: null,
      visibility: 'public',
    },
    {
      // The chronology prints "24 January 2021" between entries of December 2021 and February 2022,
      // and he was arrested only in November 2021: a typo for 24 January 2022.
      kind: 'custody_order',
      id: demoId('custodyOrder', 4),
      custodyKind: 'judicial',
      orderedOn: '2022-01-24',
      days: 40,
      until: null,
      court: null,
      judge: null,
      place: TIHAR,
      hearingId: null,
      notes: null,
      visibility: 'public',
    },
    {
      kind: 'event',
      id: demoId('event', 107),
      occurredOn: '2022-01-24',
      precision: 'day',
      type: 'family_visit_denied',
      title: 'Family refused a visit',
      description: 'His family was not allowed to meet him; COVID-19 was given as the reason.',
      visibility: 'public',
      sources: source(107),
    },
    {
      kind: 'custody_order',
      id: demoId('custodyOrder', 5),
      custodyKind: 'judicial',
      orderedOn: '2022-02-12',
      days: 40,
      until: null,
      court: null,
      judge: null,
      place: TIHAR,
      hearingId: null,
      notes: null,
      visibility: 'public',
    },
    {
      kind: 'custody_order',
      id: demoId('custodyOrder', 6),
      custodyKind: 'judicial',
      orderedOn: '2022-03-24',
      days: 50,
      until: null,
      court: 'NIA court',
      judge: null,
      place: TIHAR,
      hearingId: null,
      notes: null,
      visibility: 'public',
    },
    {
      kind: 'event',
      id: demoId('event', 108),
      occurredOn: '2022-03-27',
      precision: 'day',
      type: 'raid',
      title: 'His Srinagar home searched again',
      description: 'The NIA raided his home in Srinagar a second time.',
      visibility: 'public',
      sources: source(108),
    },
    {
      // The statement is undated; it marks 150 days since the arrest of 22 November 2021.
      kind: 'event',
      id: demoId('event', 109),
      occurredOn: '2022-04-21',
      precision: 'day',
      type: 'statement',
      title: '150 days detained: CIVICUS and Amnesty International',
      description:
        'At 150 days of arbitrary detention, CIVICUS and Amnesty International denounced the way the courts ' +
        'have been turned against him and asked the Indian government to free him at once and without ' +
        'conditions and to withdraw the groundless charges.',
      visibility: 'public',
      sources: source(109, 'CIVICUS and Amnesty International, joint statement on 150 days of his detention'),
    },
    {
      kind: 'event',
      id: demoId('event', 110),
      occurredOn: '2022-05-13',
      precision: 'day',
      type: 'charge_sheet',
      title: 'Charge sheet filed against him and seven others',
      description:
        'The NIA filed its charge sheet before the NIA Special Court in New Delhi. It alleges that the ' +
        'accused helped Lashkar-e-Taiba, a banned group based in Pakistan, to raise money and recruit people ' +
        'for planning and carrying out attacks in India, including in Jammu and Kashmir.',
      visibility: 'public',
      sources: source(110),
    },
    // The charges listed in the charge sheet.
    ...charges(201, '2022-05-13', 'in_charge_sheet', [
      [IPC, '120B', 'criminal conspiracy'],
      [IPC, '121A', 'conspiring to wage war against the Government of India'],
      [PCA, '8', 'accepting a bribe to sway a public servant by corrupt or unlawful means'],
      [UAPA, '13', 'unlawful activities'],
      [UAPA, '18', 'conspiracy'],
      [UAPA, '18B', 'recruiting people to commit a terrorist act'],
      [UAPA, '38', 'membership of a terrorist organisation'],
      [UAPA, '39', 'supporting a terrorist organisation'],
    ]),
    {
      kind: 'event',
      id: demoId('event', 111),
      occurredOn: '2022-05-13',
      precision: 'day',
      type: 'other',
      title: 'Caseworker note: arrest memo and charge sheet differ',
      description:
        'Section 121 IPC and sections 17 and 40 UAPA from the arrest memo are not in the charge sheet, ' +
        'which adds section 8 of the Prevention of Corruption Act and sections 13 and 39 UAPA. Confirm with ' +
        'counsel before marking the earlier charges dropped. Context for letters: the CIVICUS Monitor rates ' +
        "India's civic space as 'repressed'.",
      visibility: 'internal',
      sources: [],
    },
    {
      kind: 'event',
      id: demoId('event', 112),
      occurredOn: '2022-06-21',
      precision: 'day',
      type: 'advocacy',
      title: 'Named in a US Congress resolution',
      description:
        'A resolution tabled in the US House of Representatives, denouncing rights abuses in India, cited ' +
        'his case.',
      visibility: 'public',
      sources: source(112),
    },
    {
      kind: 'hearing',
      id: demoId('hearing', 4),
      date: '2022-07-06',
      court: NIA_SPECIAL_COURT,
      judge: null,
      purpose: 'First hearing of the trial',
      stage: 'first_instance',
      status: 'held',
      outcome: 'Court checked that the defence had the charge sheet and its documents, and set the next date',
      outcomeNotes: 'Our sources do not give the next date.',
      visibility: 'public',
    },
    {
      kind: 'event',
      id: demoId('event', 113),
      occurredOn: '2022-07-06',
      precision: 'day',
      type: 'other',
      title: 'DEMO DATA (fictional): defence strategy note',
      description:
        'Invented for the demo to show a confidential entry; not a real lawyer, plan or advice. Example: ' +
        'counsel wants certified copies of every document the charge sheet relies on before the next date, ' +
        'then to prepare a bail application.',
      visibility: 'confidential',
      sources: [],
    },
    {
      kind: 'event',
      id: demoId('event', 114),
      occurredOn: '2022-11-16',
      precision: 'day',
      type: 'un_action',
      title: "Raised in the UN Secretary-General's reprisals report",
      description:
        "The UN Secretary-General's report on reprisals against people who cooperate, or have cooperated, " +
        'with the UN on human rights included his case.',
      visibility: 'public',
      sources: source(114),
    },
    {
      kind: 'event',
      id: demoId('event', 115),
      occurredOn: '2022-11-21',
      precision: 'day',
      type: 'statement',
      title: 'One year detained: 12 NGOs call for his release',
      description:
        'A year after his arrest, twelve NGOs jointly demanded that he be freed immediately and unconditionally.',
      visibility: 'public',
      sources: source(115, 'Joint statement by 12 NGOs on the first anniversary of his detention'),
    },
  ],
};

export const KHURRAM_PARVEZ_DEMO: DemoData = {
  defender: KHURRAM_PARVEZ_DEFENDER,
  cases: [PSA_DETENTION_2016, NIA_CASE_2021],
};
