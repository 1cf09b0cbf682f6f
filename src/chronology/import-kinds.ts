import type { BailCondition } from '../cases/detention-model';
import type { EventType } from '../events/event.entity';

// What a sentence says happened, in English, French, Spanish and Russian: the kinds of the
// detention history (arrest, bail granted/denied/revoked, charges, custody orders, hearings,
// conviction, sentence, appeals, release, hunger strike, travel ban, death in custody …). One
// table serves both readers: `classify` (one type per chronology paragraph, first kind that
// matches) and `findFacts` (every kind a statement's sentence mentions, where it says so).

/** What the import recognises: the event types, and the kinds that become a record besides an event. */
export type FactKind =
  EventType | 'charges' | 'custody_order' | 'hearing' | 'appeal_filed' | 'appeal_decision';

/**
 * The event written for each kind that is not itself an event type. The `stages` branch adds the
 * event types appeal_filed and appeal_decision: when it is merged, map them to themselves here —
 * this is the one place that decides it.
 */
export const EVENT_TYPE_OF_KIND: Record<Exclude<FactKind, EventType>, EventType> = {
  charges: 'other',
  custody_order: 'court',
  hearing: 'court',
  appeal_filed: 'court',
  appeal_decision: 'court',
};

export const eventTypeOf = (kind: FactKind): EventType =>
  kind in EVENT_TYPE_OF_KIND
    ? EVENT_TYPE_OF_KIND[kind as keyof typeof EVENT_TYPE_OF_KIND]
    : (kind as EventType);

/** Kinds that only comment on the case; a sentence that also says what happened is about that. */
const COMMENTARY: readonly FactKind[] = ['un_action', 'advocacy', 'statement', 'court'];

// \b is ASCII-only in JavaScript; these bound words in any script.
const B = String.raw`(?<![\p{L}\d])`;
const E = String.raw`(?![\p{L}\d])`;
const W = String.raw`(?:[\p{L}'’-]+\s+)`; // one word and its space
const rule = (source: string, flags = 'giu'): RegExp =>
  new RegExp(source.replaceAll('\\b<', B).replaceAll('>\\b', E), flags);

// First match wins in `classify`; in `findFacts` an earlier kind's words cannot be read again by a
// later one ("released on bail" is bail, not a release). The order of the kinds the chronology
// importer read before statements (death … transfer) is kept so chronologies read as they did.
const KIND_RULES: [FactKind, RegExp][] = [
  [
    'death_in_custody',
    rule(
      String.raw`\b<(?:died|dies|death\s+in\s+(?:custody|detention|prison))>\b|умер|скончал|décéd|mort\s+en\s+(?:détention|prison)|falleci|murió`,
    ),
  ],
  ['hunger_strike', rule(String.raw`hunger\s+strike|голодовк|grève\s+de\s+la\s+faim|huelga\s+de\s+hambre`)],
  [
    'bail_revoked',
    rule(
      String.raw`\b<revok\p{L}*\s+${W}{0,2}bail|bail\s+(?:was\s+|has\s+been\s+)?revoked|revocation\s+of\s+${W}?bail|révoqu\p{L}*\s+${W}{0,3}(?:liberté|contrôle\s+judiciaire)|(?:liberté\s+sous\s+caution|contrôle\s+judiciaire)\s+(?:a\s+été\s+)?révoqu|revoc\p{L}*\s+${W}{0,2}libertad|отмени\p{L}*\s+${W}{0,3}(?:залог|освобождени)`,
    ),
  ],
  [
    'sentence',
    rule(
      String.raw`\b<sentenced\s+(?:\p{L}+\s+)?to>\b|\b<condamnée?s?\s+à>\b|\b<condenad[oa]s?\s+a>\b|приговор\p{L}*\s+(?:\p{L}+\s+)?к>\b`,
    ),
  ],
  [
    'arrest',
    rule(
      String.raw`\b<(?:arrested|arrest\s+memo|apprehended)>\b|\b<(?:his|her|their)\s+arrest>\b|taken\s+into\s+custody|задержа[нл]|\b<(?:detuvo|detuvieron|arrestó|arrestaron)>\b|арестован|\b<arrêtée?s?>\b|\b<interpellée?s?>\b|\b<(?:detenid|arrestad)[oa]s?>\b`,
    ),
  ],
  [
    'un_action',
    rule(
      String.raw`\b<(?:United\s+Nations|UN|ONU|ООН)>\b|Special\s+Rapporteur|Secretary[- ]General|Working\s+Group\s+on\s+Arbitrary`,
      'gu',
    ),
  ],
  ['advocacy', rule(String.raw`\b<(?:resolution|campaign\p{L}*|petition|letter|Congress|Parliament)>\b`)],
  [
    'statement',
    rule(
      String.raw`\b<statement>\b|\b<call(?:ed|ing|s)?\s+for>\b|\b<condemn|заявлени|déclaration|declaración`,
    ),
  ],
  [
    'charge_sheet',
    rule(
      String.raw`(?:filed|submitted|presented)\s+(?:a\s+|the\s+)?charge[- ]?sheet|charge[- ]?sheet\s+(?:was\s+)?filed|\b<indicted>\b|обвинительн\p{L}*\s+заключени|acte\s+d['’]accusation|acusación\s+formal`,
    ),
  ],
  [
    'bail_denied',
    rule(
      String.raw`bail\s+(?:was\s+|plea\s+|application\s+)?(?:denied|rejected|refused)|(?:denied|rejected|refused)\s+${W}{0,2}bail|refus\p{L}*\s+${W}{0,3}(?:liberté|mise\s+en\s+liberté)|(?:deneg|rechaz)\p{L}*\s+${W}{0,3}libertad|отказа\p{L}*\s+${W}{0,4}(?:залог|освобожд|из-под\s+стражи)`,
    ),
  ],
  [
    'bail_granted',
    rule(
      String.raw`granted\s+${W}{0,2}bail|bail\s+(?:was\s+)?granted|(?:released|freed)\s+on\s+bail|libérée?s?\s+sous\s+caution|(?:accord|obtenu)\p{L}*\s+${W}{0,3}liberté\s+(?:sous\s+caution|provisoire)|(?:liberad|excarcelad)[oa]s?\s+bajo\s+fianza|conced\p{L}*\s+${W}{0,3}libertad|освобо[жд]\p{L}*\s+(?:\p{L}+\s+)?под\s+залог|под\s+залог`,
    ),
  ],
  ['raid', rule(String.raw`\b<raid(?:s|ed)?>\b|обыск|perquisition|allanamiento`)],
  ['acquittal', rule(String.raw`\b<acquitted>\b|\b<acquittée?s?>\b|\b<absuelt[oa]s?>\b|оправдан`)],
  [
    'conviction',
    rule(
      String.raw`\b<convicted>\b|found\s+guilty|reconnue?s?\s+coupables?|declarad[oa]s?\s+culpables?|призна\p{L}*\s+(?:\p{L}+\s+)?виновн|\b<осужден`,
    ),
  ],
  [
    'release',
    rule(
      String.raw`\b<(?:released|freed)>\b|освобо[жд]|вышл?\p{L}*\s+на\s+свободу|\b<libérée?s?>\b|remise?s?\s+en\s+liberté|\b<liberad[oa]s?>\b|puest[oa]s?\s+en\s+libertad`,
    ),
  ],
  [
    'appeal_decision',
    rule(
      String.raw`(?:upheld|dismissed|rejected|overturned|quashed)\s+${W}{0,2}(?:appeal|conviction|sentence|verdict)|appeal\s+(?:was\s+)?(?:upheld|dismissed|rejected|allowed)|cour\s+d['’]appel\s+a\s+(?:confirmé|rejeté|infirmé)|rejet\p{L}*\s+${W}{0,2}appel|(?:rechaz|desestim|confirm)\p{L}*\s+${W}{0,2}(?:recurso|apelación)|tribunal\s+de\s+apelación\s+(?:confirm|revoc|anul)|confirm\p{L}*\s+la\s+(?:sentencia|condena)|(?:отклонил|удовлетворил)\p{L}*\s+${W}{0,2}апелляц|оставил\p{L}*\s+приговор`,
    ),
  ],
  [
    'appeal_filed',
    rule(
      String.raw`(?:filed|lodged|submitted)\s+(?:an?\s+|the\s+|\p{L}+\s+)?appeal|\b<appealed>\b|(?:fait|interjeté|formé)\s+appel|(?:present|interpus)\p{L}*\s+${W}{0,2}(?:recurso|apelación)|\b<apel(?:ó|aron)>\b|подал\p{L}*\s+${W}{0,2}апелляц|обжаловал`,
    ),
  ],
  [
    'charges',
    rule(
      String.raw`\b<charged>\b|\b<accused\s+of>\b|\b<inculpée?s?>\b|mise?s?\s+en\s+examen|accusée?s?\s+de|\b<acusad[oa]s?\s+de>\b|\b<imputad[oa]s?>\b|обвинени|обвиняем`,
    ),
  ],
  [
    'custody_order',
    rule(
      String.raw`(?:extended|prolonged|renewed)\s+${W}{0,3}(?:custody|detention|remand)|(?:custody|detention|remand)\s+(?:was\s+|has\s+been\s+)?(?:extended|prolonged|renewed)|\b<remanded>\b|ordered\s+${W}{0,3}(?:pre-?trial\s+)?(?:detention|custody)|prolong\p{L}*\s+${W}{0,3}(?:détention|garde\s+à\s+vue)|placée?s?\s+en\s+détention\s+provisoire|prorrog\p{L}*\s+${W}{0,3}(?:detención|prisión)|prisión\s+preventiva|продлил\p{L}*\s+${W}{0,4}(?:страж|арест)|срок\s+${W}{0,3}продл`,
    ),
  ],
  [
    'transfer',
    rule(
      String.raw`\b<(?:taken|moved)\s+to>\b|\b<(?:transferred|shifted)>\b|этапир|переве[дл]|transférée?s?|trasladad[oa]s?`,
    ),
  ],
  [
    'travel_ban',
    rule(
      String.raw`travel\s+ban|(?:barred|banned|prohibited)\s+from\s+(?:travel\p{L}*|leaving)|запрет\p{L}*\s+(?:на\s+)?выезд|невыездн|interdiction\s+de\s+(?:quitter|voyager|sortie)|prohibición\s+de\s+(?:salir|viajar)`,
    ),
  ],
  [
    'family_visit_denied',
    rule(
      String.raw`family\s+(?:was\s+)?(?:barred|denied|refused)|denied\s+(?:family\s+)?visits|visits?\s+(?:were\s+|was\s+)?(?:denied|refused|barred)|свидани`,
    ),
  ],
  [
    'ill_treatment',
    rule(String.raw`tortur|\b<beaten>\b|ill[- ]treat|пытк|избит|mauvais\s+traitements|malos\s+tratos`),
  ],
  ['health', rule(String.raw`\b<health>\b|hospital|medical|здоровь|больниц|santé|hôpital|salud`)],
  [
    'disappearance',
    rule(
      String.raw`\b<disappeared>\b|whereabouts\s+(?:remain\s+|are\s+)?unknown|disparue?s?|desaparecid[oa]s?|исчез`,
    ),
  ],
  ['incommunicado', rule(String.raw`incommunicado|\b<au\s+secret>\b|incomunicad[oa]|без\s+связи`)],
  [
    'detention',
    rule(
      String.raw`\b<(?:detained|imprisoned|jailed)>\b|placed\s+in\s+(?:pre-?trial\s+)?detention|\b<détenue?s?>\b|incarcérée?s?|\b<(?:encarcelad|recluid)[oa]s?>\b|(?:заключ|помещ)\p{L}*\s+(?:под\s+стражу|в\s+СИЗО)`,
    ),
  ],
  [
    'hearing',
    rule(
      String.raw`\b<hearing>\b|\b<(?:appeared|produced)\s+(?:before|at|in)>\b|\b<trial\s+(?:opened|began|started)>\b|\b<audience>\b|\b<comparu|\b<audiencia>\b|compareci|заседани|слушани`,
    ),
  ],
  ['court', rule(String.raw`\b<(?:court|judge)>\b|\b<суд|\b<tribunal>\b`)],
];

/** The type of a whole chronology paragraph: the first kind that matches, as an event type. */
export function classify(description: string): EventType {
  for (const [kind, pattern] of KIND_RULES) {
    pattern.lastIndex = 0;
    if (pattern.test(description)) {
      return eventTypeOf(kind);
    }
  }
  return 'other';
}

export interface Fact {
  kind: FactKind;
  start: number;
  end: number;
}

/** Every kind a sentence mentions, where; commentary only when nothing else happened. */
export function findFacts(sentence: string): Fact[] {
  const facts: Fact[] = [];
  for (const [kind, pattern] of KIND_RULES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence); match; match = pattern.exec(sentence)) {
      // A stem ("освобо…") stands for its whole word, so distances are measured from the word.
      const end =
        match.index +
        match[0].length +
        (/^\p{L}*/u.exec(sentence.slice(match.index + match[0].length))?.[0].length ?? 0);
      const fact = { kind, start: match.index, end };
      const overlaps = facts.some((other) => other.start < fact.end && fact.start < other.end);
      if (!overlaps && !facts.some((other) => other.kind === kind)) {
        facts.push(fact);
      }
    }
  }
  const bail = facts.some((fact) => fact.kind === 'bail_granted');
  const kept = facts.filter(
    // A travel ban or house confinement that comes with bail is one of its conditions.
    (fact) => !(bail && fact.kind === 'travel_ban'),
  );
  const events = kept.filter((fact) => !COMMENTARY.includes(fact.kind));
  const chosen = events.length > 0 ? events : kept.slice(0, 1);
  return chosen.sort((a, b) => a.start - b.start);
}

const CONDITIONS: [BailCondition, RegExp][] = [
  [
    'electronic_monitoring',
    /electronic\s+(?:monitoring|tag|bracelet)|ankle\s+(?:monitor|bracelet)|bracelet\s+électronique|brazalete\s+electrónico|tobillera|электронн\p{L}*\s+браслет/iu,
  ],
  [
    'house_confinement',
    /house\s+(?:arrest|confinement)|confined\s+to\s+(?:\p{L}+\s+)?home|assignation\s+à\s+résidence|arresto\s+domiciliario|домашн\p{L}*\s+арест/iu,
  ],
  [
    'travel_ban',
    /travel\s+ban|surrender\s+(?:\p{L}+\s+)?passport|not\s+(?:to\s+)?leave\s+the\s+country|interdiction\s+de\s+(?:quitter|sortie)|prohibición\s+de\s+salir|запрет\p{L}*\s+на\s+выезд|невыезд/iu,
  ],
  [
    'reporting',
    /report\s+(?:to|at)\s+(?:the\s+)?police|report\s+(?:weekly|daily)|pointer\s+au|presentarse\s+(?:periódicamente|cada)|являться\s+в/iu,
  ],
  ['surety', /\bsurety\b|\bbond\b|caution\s+de|fianza\s+de|залог\s+в\s+размере/iu],
];

/** The conditions a bail sentence names. */
export function bailConditions(sentence: string): BailCondition[] {
  return CONDITIONS.filter(([, pattern]) => pattern.test(sentence)).map(([condition]) => condition);
}

const YEARS = /^(?:years?|ans?|años?|год\p{L}*|лет)$/iu;
const MONTHS = /^(?:months?|mois|mes(?:es)?|месяц\p{L}*)$/iu;

/**
 * The term a sentence imposes, as the events API takes it: "five years" P5Y, "2 years and 6 months"
 * P2Y6M, "life imprisonment" life, "death" death; undefined when it says none.
 */
export function sentenceTerm(
  sentence: string,
  count: (word: string) => number | undefined,
): string | undefined {
  if (
    /life\s+(?:imprisonment|in\s+prison|sentence)|perpétuité|cadena\s+perpetua|пожизненн/iu.test(sentence)
  ) {
    return 'life';
  }
  if (
    /sentenced\s+to\s+death|death\s+(?:sentence|penalty)|peine\s+de\s+mort|pena\s+de\s+muerte|смертн\p{L}*\s+казн/iu.test(
      sentence,
    )
  ) {
    return 'death';
  }
  let years = 0;
  let months = 0;
  for (const match of sentence.matchAll(/(\d{1,3}|\p{L}+)(?=[\s-]+(\p{L}+))/gu)) {
    const n = count(match[1]);
    if (n === undefined || /^(?:a|an|un|une|una|uno)$/iu.test(match[1])) {
      continue;
    }
    if (YEARS.test(match[2]) && years === 0) {
      years = n;
    } else if (MONTHS.test(match[2]) && months === 0) {
      months = n;
    }
  }
  if (years === 0 && months === 0) {
    return undefined;
  }
  return `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;
}
