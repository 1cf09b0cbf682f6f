import type { Visibility } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { EventType } from '../events/event.entity';
import type { ExportVisibility } from './chronology-document';
import { ChronologyLanguage } from './date-phrases';

// Every word an export writes around the caseworkers' own text, in each export language.

export interface Labels {
  title: (name: string) => string;
  caseSummary: string;
  chronology: string;
  sources: string;
  charges: string;
  currentCustody: string;
  statutoryLimits: string;
  daysDetained: string;
  nextHearing: string;
  none: string;
  caseNumber: string;
  since: (date: string) => string;
  until: (date: string) => string;
  /** "Charged under Sections 120B and 121A of the Indian Penal Code" */
  chargedUnder: (law: string, sections: string[]) => string;
  /** A hearing line's first clause, without its full stop: "Hearing at the NIA Special Court at 10:30 IST". */
  hearingAt: (court: string | null, time: string | null) => string;
  /** Before the title of a cancelled hearing: "[CANCELLED] Hearing at the NIA Special Court". */
  cancelledMark: string;
  /** Clauses of a hearing line after a semicolon: lower case, no full stop. */
  hearingStatus: Record<'adjourned' | 'cancelled', string>;
  /** Between the clauses of one sentence ("; ", French "\u00a0; "). */
  clauses: string;
  outcome: string;
  custodyFor: (kind: CustodyKind, days: number | null, until: string | null) => string;
  custodyKinds: Record<CustodyKind, string>;
  eventTypes: Record<EventType, string>;
  charge: string;
  hearing: string;
  custodyOrder: string;
  /** The notice an export that is not public carries at its top. */
  notice: Record<Exclude<ExportVisibility, 'public'>, string>;
  /** The mark before each entry (and calendar event) that is not public. */
  mark: Record<Exclude<Visibility, 'public'>, string>;
  /** The export date in the footer: the organisation's line, not Vigil's (no full stop: "г." ends some dates). */
  generated: (date: string) => string;
  /** "Page 2 of 5": the words around the two numbers, which Word and the PDF fill in. */
  page: [string, string];
  calendarName: (name: string) => string;
  /** The summary's one line on the detention (detention-summary.ts); dates come as phrases. */
  detention: DetentionWords;
}

import {
  DetentionWords,
  EN_DETENTION,
  ES_DETENTION,
  FR_DETENTION,
  list,
  RU_DETENTION,
} from './detention-words';

export type { CustodyBasisWord, DetentionWords, TermParts } from './detention-words';

/** A full stop at the end, unless the text ends with one ("до 3 марта 2026 г.", not "г.."). */
const sentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

const EN_CUSTODY: Record<CustodyKind, string> = {
  police: 'Police custody',
  judicial: 'Judicial custody',
  pre_trial: 'Pre-trial detention',
  house_arrest: 'House arrest',
  administrative: 'Administrative detention',
};

const EN: Labels = {
  title: (name) => `${name}: chronology`,
  caseSummary: 'Case summary',
  chronology: 'Chronology',
  sources: 'Sources',
  charges: 'Charges',
  currentCustody: 'Current custody',
  statutoryLimits: 'Statutory limits',
  daysDetained: 'Days detained',
  nextHearing: 'Next hearing',
  none: 'none',
  caseNumber: 'Case number',
  since: (date) => `since ${date}`,
  until: (date) => `until ${date}`,
  chargedUnder: (law, sections) =>
    sections.length === 0
      ? `Charged under the ${law}.`
      : `Charged under ${sections.length === 1 ? 'Section' : 'Sections'} ${list(sections, 'and')} of the ${law}.`,
  hearingAt: (court, time) =>
    `Hearing${court ? ` at the ${court.replace(/^the\s+/i, '')}` : ''}${time ? ` at ${time}` : ''}`,
  cancelledMark: '[CANCELLED]',
  hearingStatus: { adjourned: 'adjourned', cancelled: 'cancelled' },
  clauses: '; ',
  outcome: 'Outcome',
  custodyFor: (kind, days, until) =>
    sentence(
      `${EN_CUSTODY[kind]}${days ? ` for ${days} ${days === 1 ? 'day' : 'days'}` : ''}${until ? `, until ${until}` : ''}`,
    ),
  custodyKinds: EN_CUSTODY,
  eventTypes: {
    arrest: 'Arrest',
    raid: 'Raid',
    detention: 'Detention',
    transfer: 'Transfer',
    release: 'Release',
    charge_sheet: 'Charge sheet',
    court: 'Court',
    bail_denied: 'Bail denied',
    bail_granted: 'Bail granted',
    statement: 'Statement',
    un_action: 'UN action',
    advocacy: 'Advocacy',
    travel_ban: 'Travel ban',
    hunger_strike: 'Hunger strike',
    ill_treatment: 'Ill-treatment',
    health: 'Health',
    family_visit_denied: 'Family visit denied',
    death_in_custody: 'Death in custody',
    other: 'Other',
    bail_revoked: 'Bail revoked',
    conviction: 'Conviction',
    acquittal: 'Acquittal',
    sentence: 'Sentence',
    pardon: 'Pardon',
    sentence_served: 'Sentence served',
    disappearance: 'Disappearance',
    incommunicado: 'Held incommunicado',
  },
  charge: 'Charges',
  hearing: 'Hearing',
  custodyOrder: 'Custody order',
  notice: {
    internal: 'INTERNAL — includes entries marked internal. Not for publication.',
    all: 'CONFIDENTIAL — includes confidential entries. Do not share.',
  },
  mark: { internal: '[INTERNAL]', confidential: '[CONFIDENTIAL]' },
  generated: (date) => `Exported on ${date}`,
  page: ['Page', 'of'],
  calendarName: (name) => `Hearings: ${name}`,
  detention: EN_DETENTION,
};

const RU_CUSTODY: Record<CustodyKind, string> = {
  police: 'Содержание под стражей в полиции',
  judicial: 'Содержание под стражей по решению суда',
  pre_trial: 'Досудебное содержание под стражей',
  house_arrest: 'Домашний арест',
  administrative: 'Административное задержание',
};

const RU: Labels = {
  title: (name) => `${name}: хронология`,
  caseSummary: 'Сводка по делу',
  chronology: 'Хронология',
  sources: 'Источники',
  charges: 'Обвинения',
  currentCustody: 'Текущая мера пресечения',
  statutoryLimits: 'Предельные сроки',
  daysDetained: 'Дней под стражей',
  nextHearing: 'Следующее заседание',
  none: 'нет',
  caseNumber: 'Номер дела',
  since: (date) => `с ${date}`,
  until: (date) => `до ${date}`,
  chargedUnder: (law, sections) =>
    sections.length === 0
      ? `Обвинение по закону: ${law}.`
      : `Обвинение по ${sections.length === 1 ? 'статье' : 'статьям'} ${list(sections, 'и')} (${law}).`,
  hearingAt: (court, time) =>
    ['Судебное заседание', court ? ` — ${court}` : '', time ? `, ${time}` : ''].join(''),
  cancelledMark: '[ОТМЕНЕНО]',
  hearingStatus: { adjourned: 'отложено', cancelled: 'отменено' },
  clauses: '; ',
  outcome: 'Итог',
  custodyFor: (kind, days, until) =>
    sentence(
      `${RU_CUSTODY[kind]}${days ? ` на ${days} ${ruDays(days)}` : ''}${until ? `, до ${until}` : ''}`,
    ),
  custodyKinds: RU_CUSTODY,
  eventTypes: {
    arrest: 'Арест',
    raid: 'Обыск',
    detention: 'Задержание',
    transfer: 'Этапирование',
    release: 'Освобождение',
    charge_sheet: 'Обвинительное заключение',
    court: 'Суд',
    bail_denied: 'Отказ в освобождении под залог',
    bail_granted: 'Освобождение под залог',
    statement: 'Заявление',
    un_action: 'Действия ООН',
    advocacy: 'Правозащитная кампания',
    travel_ban: 'Запрет на выезд',
    hunger_strike: 'Голодовка',
    ill_treatment: 'Жестокое обращение',
    health: 'Здоровье',
    family_visit_denied: 'Отказ в свидании с семьёй',
    death_in_custody: 'Смерть под стражей',
    other: 'Другое',
    bail_revoked: 'Отмена залога',
    conviction: 'Обвинительный приговор',
    acquittal: 'Оправдание',
    sentence: 'Наказание',
    pardon: 'Помилование',
    sentence_served: 'Срок отбыт',
    disappearance: 'Исчезновение',
    incommunicado: 'Содержание без связи с внешним миром',
  },
  charge: 'Обвинения',
  hearing: 'Судебное заседание',
  custodyOrder: 'Мера пресечения',
  notice: {
    internal: 'ДЛЯ ВНУТРЕННЕГО ПОЛЬЗОВАНИЯ — содержит внутренние записи. Не для публикации.',
    all: 'КОНФИДЕНЦИАЛЬНО — содержит конфиденциальные записи. Не передавать.',
  },
  mark: { internal: '[ДЛЯ ВНУТРЕННЕГО ПОЛЬЗОВАНИЯ]', confidential: '[КОНФИДЕНЦИАЛЬНО]' },
  generated: (date) => `Экспортировано ${date}`,
  page: ['Стр.', 'из'],
  calendarName: (name) => `Заседания: ${name}`,
  detention: RU_DETENTION,
};

function ruDays(days: number): string {
  const lastTwo = days % 100;
  const last = days % 10;
  if (lastTwo >= 11 && lastTwo <= 14) {
    return 'дней';
  }
  return last === 1 ? 'день' : last >= 2 && last <= 4 ? 'дня' : 'дней';
}

const FR_CUSTODY: Record<CustodyKind, string> = {
  police: 'Garde à vue',
  judicial: 'Détention judiciaire',
  pre_trial: 'Détention provisoire',
  house_arrest: 'Assignation à résidence',
  administrative: 'Détention administrative',
};

const FR: Labels = {
  title: (name) => `${name}\u00a0: chronologie`,
  caseSummary: 'Résumé de l’affaire',
  chronology: 'Chronologie',
  sources: 'Sources',
  charges: 'Chefs d’accusation',
  currentCustody: 'Détention en cours',
  statutoryLimits: 'Délais légaux',
  daysDetained: 'Jours de détention',
  nextHearing: 'Prochaine audience',
  none: 'aucune',
  caseNumber: 'Numéro de l’affaire',
  since: (date) => `depuis le ${date}`,
  until: (date) => `jusqu’au ${date}`,
  chargedUnder: (law, sections) =>
    sections.length === 0
      ? `Poursuivi au titre de la loi suivante\u00a0: ${law}.`
      : `Poursuivi au titre ${sections.length === 1 ? 'de l’article' : 'des articles'} ${list(sections, 'et')} (${law}).`,
  hearingAt: (court, time) => ['Audience', court ? ` — ${court}` : '', time ? `, ${time}` : ''].join(''),
  cancelledMark: '[ANNULÉE]',
  hearingStatus: { adjourned: 'reportée', cancelled: 'annulée' },
  clauses: '\u00a0; ',
  outcome: 'Issue',
  custodyFor: (kind, days, until) =>
    sentence(
      `${FR_CUSTODY[kind]}${days ? ` pour ${days} ${days === 1 ? 'jour' : 'jours'}` : ''}${until ? `, jusqu’au ${until}` : ''}`,
    ),
  custodyKinds: FR_CUSTODY,
  eventTypes: {
    arrest: 'Arrestation',
    raid: 'Perquisition',
    detention: 'Détention',
    transfer: 'Transfert',
    release: 'Libération',
    charge_sheet: 'Acte d’accusation',
    court: 'Tribunal',
    bail_denied: 'Libération sous caution refusée',
    bail_granted: 'Libération sous caution accordée',
    statement: 'Déclaration',
    un_action: 'Action de l’ONU',
    advocacy: 'Plaidoyer',
    travel_ban: 'Interdiction de voyager',
    hunger_strike: 'Grève de la faim',
    ill_treatment: 'Mauvais traitements',
    health: 'Santé',
    family_visit_denied: 'Visite familiale refusée',
    death_in_custody: 'Décès en détention',
    other: 'Autre',
    bail_revoked: 'Liberté sous caution révoquée',
    conviction: 'Condamnation',
    acquittal: 'Acquittement',
    sentence: 'Peine',
    pardon: 'Grâce',
    sentence_served: 'Peine purgée',
    disappearance: 'Disparition',
    incommunicado: 'Détention au secret',
  },
  charge: 'Chefs d’accusation',
  hearing: 'Audience',
  custodyOrder: 'Décision de détention',
  notice: {
    internal: 'INTERNE — contient des entrées internes. Ne pas publier.',
    all: 'CONFIDENTIEL — contient des entrées confidentielles. Ne pas diffuser.',
  },
  mark: { internal: '[INTERNE]', confidential: '[CONFIDENTIEL]' },
  generated: (date) => `Exporté le ${date}`,
  page: ['Page', 'sur'],
  calendarName: (name) => `Audiences\u00a0: ${name}`,
  detention: FR_DETENTION,
};

const ES_CUSTODY: Record<CustodyKind, string> = {
  police: 'Custodia policial',
  judicial: 'Detención judicial',
  pre_trial: 'Prisión preventiva',
  house_arrest: 'Arresto domiciliario',
  administrative: 'Detención administrativa',
};

const ES: Labels = {
  title: (name) => `${name}: cronología`,
  caseSummary: 'Resumen del caso',
  chronology: 'Cronología',
  sources: 'Fuentes',
  charges: 'Cargos',
  currentCustody: 'Detención en curso',
  statutoryLimits: 'Plazos legales',
  daysDetained: 'Días detenido',
  nextHearing: 'Próxima audiencia',
  none: 'ninguna',
  caseNumber: 'Número de causa',
  since: (date) => `desde el ${date}`,
  until: (date) => `hasta el ${date}`,
  chargedUnder: (law, sections) =>
    sections.length === 0
      ? `Acusado en virtud de: ${law}.`
      : `Acusado en virtud ${sections.length === 1 ? 'del artículo' : 'de los artículos'} ${list(sections, 'y')} (${law}).`,
  hearingAt: (court, time) => ['Audiencia', court ? ` — ${court}` : '', time ? `, ${time}` : ''].join(''),
  cancelledMark: '[CANCELADA]',
  hearingStatus: { adjourned: 'aplazada', cancelled: 'cancelada' },
  clauses: '; ',
  outcome: 'Resultado',
  custodyFor: (kind, days, until) =>
    sentence(
      `${ES_CUSTODY[kind]}${days ? ` por ${days} ${days === 1 ? 'día' : 'días'}` : ''}${until ? `, hasta el ${until}` : ''}`,
    ),
  custodyKinds: ES_CUSTODY,
  eventTypes: {
    arrest: 'Detención',
    raid: 'Allanamiento',
    detention: 'Privación de libertad',
    transfer: 'Traslado',
    release: 'Liberación',
    charge_sheet: 'Escrito de acusación',
    court: 'Tribunal',
    bail_denied: 'Fianza denegada',
    bail_granted: 'Fianza concedida',
    statement: 'Declaración',
    un_action: 'Acción de la ONU',
    advocacy: 'Incidencia',
    travel_ban: 'Prohibición de viajar',
    hunger_strike: 'Huelga de hambre',
    ill_treatment: 'Malos tratos',
    health: 'Salud',
    family_visit_denied: 'Visita familiar denegada',
    death_in_custody: 'Muerte bajo custodia',
    other: 'Otro',
    bail_revoked: 'Fianza revocada',
    conviction: 'Condena',
    acquittal: 'Absolución',
    sentence: 'Pena',
    pardon: 'Indulto',
    sentence_served: 'Pena cumplida',
    disappearance: 'Desaparición',
    incommunicado: 'Incomunicación',
  },
  charge: 'Cargos',
  hearing: 'Audiencia',
  custodyOrder: 'Orden de detención',
  notice: {
    internal: 'INTERNO — incluye entradas internas. No publicar.',
    all: 'CONFIDENCIAL — incluye entradas confidenciales. No compartir.',
  },
  mark: { internal: '[INTERNO]', confidential: '[CONFIDENCIAL]' },
  generated: (date) => `Exportado el ${date}`,
  page: ['Página', 'de'],
  calendarName: (name) => `Audiencias: ${name}`,
  detention: ES_DETENTION,
};

export const LABELS: Record<ChronologyLanguage, Labels> = { en: EN, ru: RU, fr: FR, es: ES };
