import type { CaseStageKind, StageDecision } from '../cases/case-stages';
import type { DatePrecision, IsoDate } from '../common/entry';
import {
  ChronologyLanguage,
  entryLead,
  formatDate,
  formatDay,
  MONTH_NAMES,
  splitIsoDate,
} from './date-phrases';

// How an export words a detention in each export language: the summary line ("In pre-trial detention
// since 3 May 2022 (…days)", "Serving a 10-year sentence …"), with sentence terms and plurals from Intl.

export const list = (items: string[], and: string): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

/** A sentence's length in whole units, from its ISO 8601 term. */
export interface TermParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

export interface DetentionWords {
  label: string;
  /** "since 3 May 2022", "since May 2022"; `days` only when known to the day. */
  inCustody: (basis: CustodyBasisWord, since: string, days: number | null) => string;
  /** "Serving a 10-year sentence; expected release 20 March 2027". */
  serving: (term: TermParts, release: string | null) => string;
  servingLife: string;
  sentencedToDeath: string;
  /** `at`: "on 24 April 2022", "in April 2022"; null when undated. */
  died: (at: string | null) => string;
  disappeared: (at: string | null) => string;
  onBail: (since: string | null) => string;
  released: (at: string | null) => string;
  notDetained: string;
  /** "since 3 May 2022", "since May 2022"; "on 24 April 2022", "in April 2022": a date at its precision. */
  since: (date: IsoDate, precision: DatePrecision) => string;
  at: (date: IsoDate, precision: DatePrecision) => string;
}

// "In October 2020" as the middle of a sentence.
const lowerLead = (date: IsoDate, precision: DatePrecision, lang: ChronologyLanguage): string => {
  const lead = entryLead(date, precision, lang);
  return lead.charAt(0).toLowerCase() + lead.slice(1);
};

export type CustodyBasisWord = 'police' | 'judicial' | 'pre_trial' | 'administrative' | 'house_arrest';

const plural = (locale: string, forms: Partial<Record<Intl.LDMLPluralRule, string>>) => {
  const rules = new Intl.PluralRules(locale);
  return (n: number): string => `${n} ${forms[rules.select(n)] ?? forms.other}`;
};

const termWords = (
  units: Record<keyof TermParts, (n: number) => string>,
  and: string,
): ((term: TermParts) => string) => {
  return (term) =>
    list(
      (['years', 'months', 'weeks', 'days'] as const)
        .filter((unit) => term[unit] > 0)
        .map((unit) => units[unit](term[unit])),
      and,
    );
};

const EN_TERM = termWords(
  {
    years: plural('en', { one: 'year', other: 'years' }),
    months: plural('en', { one: 'month', other: 'months' }),
    weeks: plural('en', { one: 'week', other: 'weeks' }),
    days: plural('en', { one: 'day', other: 'days' }),
  },
  'and',
);
const RU_TERM = termWords(
  {
    years: plural('ru', { one: 'год', few: 'года', many: 'лет', other: 'года' }),
    months: plural('ru', { one: 'месяц', few: 'месяца', many: 'месяцев', other: 'месяца' }),
    weeks: plural('ru', { one: 'неделя', few: 'недели', many: 'недель', other: 'недели' }),
    days: plural('ru', { one: 'день', few: 'дня', many: 'дней', other: 'дня' }),
  },
  'и',
);
const FR_TERM = termWords(
  {
    years: plural('fr', { one: 'an', other: 'ans' }),
    months: plural('fr', { one: 'mois', other: 'mois' }),
    weeks: plural('fr', { one: 'semaine', other: 'semaines' }),
    days: plural('fr', { one: 'jour', other: 'jours' }),
  },
  'et',
);
const ES_TERM = termWords(
  {
    years: plural('es', { one: 'año', other: 'años' }),
    months: plural('es', { one: 'mes', other: 'meses' }),
    weeks: plural('es', { one: 'semana', other: 'semanas' }),
    days: plural('es', { one: 'día', other: 'días' }),
  },
  'y',
);
const onlyYears = (term: TermParts): boolean => term.years > 0 && !term.months && !term.weeks && !term.days;

export const EN_DETENTION: DetentionWords = {
  label: 'Detention',
  inCustody: (basis, since, days) =>
    `${
      {
        police: 'In police custody',
        judicial: 'In pre-trial detention',
        pre_trial: 'In pre-trial detention',
        administrative: 'In administrative detention',
        house_arrest: 'Under house arrest',
      }[basis]
    } ${since}${days === null ? '' : ` (${days} ${days === 1 ? 'day' : 'days'})`}`,
  serving: (term, release) =>
    `Serving ${onlyYears(term) ? `a ${term.years}-year sentence` : `a sentence of ${EN_TERM(term)}`}${
      release ? `; expected release ${release}` : ''
    }`,
  servingLife: 'Serving a life sentence',
  sentencedToDeath: 'Under sentence of death',
  died: (at) => `Died in custody${at ? ` ${at}` : ''}`,
  disappeared: (at) => `Disappeared${at ? ` ${at}` : ''}; whereabouts unknown`,
  onBail: (since) => `On bail${since ? ` ${since}` : ''}`,
  released: (at) => `Released${at ? ` ${at}` : ''}`,
  notDetained: 'Not detained',
  since: (date, precision) => `since ${formatDate(date, precision, 'en')}`,
  at: (date, precision) =>
    precision === 'day' ? `on ${formatDay(date, 'en')}` : lowerLead(date, precision, 'en'),
};

export const RU_DETENTION: DetentionWords = {
  label: 'Содержание под стражей',
  inCustody: (basis, since, days) =>
    `${
      {
        police: 'Задержание в полиции',
        judicial: 'Предварительное заключение',
        pre_trial: 'Предварительное заключение',
        administrative: 'Административное задержание',
        house_arrest: 'Домашний арест',
      }[basis]
    } ${since}${days === null ? '' : ` (${plural('ru', { one: 'день', few: 'дня', many: 'дней', other: 'дня' })(days)})`}`,
  serving: (term, release) =>
    `Отбывает наказание сроком ${RU_TERM(term)}${release ? `; ожидаемое освобождение ${release}` : ''}`,
  servingLife: 'Отбывает пожизненное заключение',
  sentencedToDeath: 'Приговор к смертной казни',
  died: (at) => `Смерть под стражей${at ? ` ${at}` : ''}`,
  disappeared: (at) => `Насильственное исчезновение${at ? ` ${at}` : ''}; местонахождение неизвестно`,
  onBail: (since) => `Под залогом${since ? ` ${since}` : ''}`,
  released: (at) => `Освобождение${at ? ` ${at}` : ''}`,
  notDetained: 'Не под стражей',
  since: (date, precision) => {
    const { year, month } = splitIsoDate(date);
    return precision === 'day'
      ? `с ${formatDay(date, 'ru')}`
      : precision === 'month'
        ? `с ${MONTH_NAMES.ru.ofDay[month - 1]} ${year} г.`
        : `с ${year} г.`;
  },
  at: (date, precision) => (precision === 'day' ? formatDay(date, 'ru') : lowerLead(date, precision, 'ru')),
};

export const FR_DETENTION: DetentionWords = {
  label: 'Détention',
  inCustody: (basis, since, days) =>
    `${
      {
        police: 'En garde à vue',
        judicial: 'En détention provisoire',
        pre_trial: 'En détention provisoire',
        administrative: 'En détention administrative',
        house_arrest: 'En résidence surveillée',
      }[basis]
    } ${since}${days === null ? '' : ` (${days} ${days <= 1 ? 'jour' : 'jours'})`}`,
  serving: (term, release) =>
    `Purge une peine de ${FR_TERM(term)}${release ? `\u00a0; libération prévue le ${release}` : ''}`,
  servingLife: 'Purge une peine de réclusion à perpétuité',
  sentencedToDeath: 'Sous le coup d’une condamnation à mort',
  died: (at) => `Décès en détention${at ? ` ${at}` : ''}`,
  disappeared: (at) => `Disparition${at ? ` ${at}` : ''}\u00a0; sort inconnu`,
  onBail: (since) => `En liberté sous caution${since ? ` ${since}` : ''}`,
  released: (at) => `Libération${at ? ` ${at}` : ''}`,
  notDetained: 'Pas en détention',
  since: (date, precision) =>
    precision === 'day'
      ? `depuis le ${formatDay(date, 'fr')}`
      : `depuis ${formatDate(date, precision, 'fr')}`,
  at: (date, precision) =>
    precision === 'day' ? `le ${formatDay(date, 'fr')}` : lowerLead(date, precision, 'fr'),
};

export const ES_DETENTION: DetentionWords = {
  label: 'Detención',
  inCustody: (basis, since, days) =>
    `${
      {
        police: 'Bajo custodia policial',
        judicial: 'En prisión preventiva',
        pre_trial: 'En prisión preventiva',
        administrative: 'En detención administrativa',
        house_arrest: 'En arresto domiciliario',
      }[basis]
    } ${since}${days === null ? '' : ` (${days} ${days === 1 ? 'día' : 'días'})`}`,
  serving: (term, release) =>
    `Cumple una condena de ${ES_TERM(term)}${release ? `; liberación prevista el ${release}` : ''}`,
  servingLife: 'Cumple cadena perpetua',
  sentencedToDeath: 'Condena a muerte',
  died: (at) => `Murió bajo custodia${at ? ` ${at}` : ''}`,
  disappeared: (at) => `Desaparición${at ? ` ${at}` : ''}; se desconoce su paradero`,
  onBail: (since) => `En libertad bajo fianza${since ? ` ${since}` : ''}`,
  released: (at) => `Liberación${at ? ` ${at}` : ''}`,
  notDetained: 'Sin detención',
  since: (date, precision) =>
    precision === 'day' ? `desde el ${formatDay(date, 'es')}` : `desde ${formatDate(date, precision, 'es')}`,
  at: (date, precision) =>
    precision === 'day' ? `el ${formatDay(date, 'es')}` : lowerLead(date, precision, 'es'),
};

// ---- The case's stage (stageSummary in detention-summary.ts) ----

export interface StageWords {
  label: string;
  /** An investigation whose charge sheet is in. */
  charged: string;
  /** "On appeal at the Court of Appeal of Antananarivo since 3 March 2025"; `since` comes as a phrase. */
  underway: (stage: CaseStageKind, court: string | null, since: string | null) => string;
  /** "Appeal: sentence reduced by the Court of Appeal of Antananarivo on 30 April 2025"; `at` as a phrase. */
  decided: (stage: CaseStageKind, decision: StageDecision, court: string | null, at: string | null) => string;
}

const joined = (...parts: (string | null | false)[]): string => parts.filter(Boolean).join(' ');
// "the Court of Appeal …", but not "the the High Court".
const theCourt = (court: string): string => (/^the\s/i.test(court) ? court : `the ${court}`);

export const EN_STAGE: StageWords = {
  label: 'Stage',
  charged: 'Charged; awaiting trial',
  underway: (stage, court, since) =>
    joined(
      {
        investigation: 'Under investigation',
        first_instance: 'On trial',
        appeal: 'On appeal',
        cassation: 'In cassation',
        other: 'Before the courts',
      }[stage],
      court !== null && `at ${theCourt(court)}`,
      since,
    ),
  decided: (stage, decision, court, at) =>
    joined(
      `${
        {
          investigation: 'Investigation',
          first_instance: 'First instance',
          appeal: 'Appeal',
          cassation: 'Cassation',
          other: 'Other proceedings',
        }[stage]
      }: ${
        {
          convicted: 'convicted',
          acquitted: 'acquitted',
          dismissed: 'dismissed',
          upheld: 'upheld',
          overturned: 'overturned',
          sentence_reduced: 'sentence reduced',
          sentence_increased: 'sentence increased',
          retrial_ordered: 'retrial ordered',
        }[decision]
      }`,
      court !== null && `by ${theCourt(court)}`,
      at,
    ),
};

export const RU_STAGE: StageWords = {
  label: 'Стадия',
  charged: 'Обвинение предъявлено; ожидается суд',
  underway: (stage, court, since) =>
    joined(
      {
        investigation: 'Идёт следствие',
        first_instance: 'Идёт суд',
        appeal: 'На стадии апелляции',
        cassation: 'На стадии кассации',
        other: 'Идёт разбирательство',
      }[stage],
      court !== null && `(${court})`,
      since,
    ),
  decided: (stage, decision, court, at) =>
    joined(
      `${
        {
          investigation: 'Следствие',
          first_instance: 'Первая инстанция',
          appeal: 'Апелляция',
          cassation: 'Кассация',
          other: 'Иное производство',
        }[stage]
      }: ${
        {
          convicted: 'обвинительный приговор',
          acquitted: 'оправдательный приговор',
          dismissed: 'отклонено',
          upheld: 'оставлено без изменения',
          overturned: 'отменено',
          sentence_reduced: 'наказание смягчено',
          sentence_increased: 'наказание ужесточено',
          retrial_ordered: 'направлено на новое рассмотрение',
        }[decision]
      }`,
      court !== null && `(${court})`,
      at,
    ),
};

export const FR_STAGE: StageWords = {
  label: 'Stade',
  charged: 'Mis en accusation\u00a0; procès attendu',
  underway: (stage, court, since) =>
    joined(
      {
        investigation: 'Enquête en cours',
        first_instance: 'Procès en cours',
        appeal: 'En appel',
        cassation: 'En cassation',
        other: 'Procédure en cours',
      }[stage],
      court !== null && `(${court})`,
      since,
    ),
  decided: (stage, decision, court, at) =>
    joined(
      `${
        {
          investigation: 'Enquête',
          first_instance: 'Première instance',
          appeal: 'Appel',
          cassation: 'Cassation',
          other: 'Autre procédure',
        }[stage]
      }\u00a0: ${
        {
          convicted: 'condamnation',
          acquitted: 'acquittement',
          dismissed: 'rejet',
          upheld: 'confirmation',
          overturned: 'infirmation',
          sentence_reduced: 'peine réduite',
          sentence_increased: 'peine aggravée',
          retrial_ordered: 'nouveau procès ordonné',
        }[decision]
      }`,
      court !== null && `(${court})`,
      at,
    ),
};

export const ES_STAGE: StageWords = {
  label: 'Etapa',
  charged: 'Acusación formulada; juicio pendiente',
  underway: (stage, court, since) =>
    joined(
      {
        investigation: 'En investigación',
        first_instance: 'En juicio',
        appeal: 'En apelación',
        cassation: 'En casación',
        other: 'En otro procedimiento',
      }[stage],
      court !== null && `(${court})`,
      since,
    ),
  decided: (stage, decision, court, at) =>
    joined(
      `${
        {
          investigation: 'Investigación',
          first_instance: 'Primera instancia',
          appeal: 'Apelación',
          cassation: 'Casación',
          other: 'Otro procedimiento',
        }[stage]
      }: ${
        {
          convicted: 'condena',
          acquitted: 'absolución',
          dismissed: 'desestimación',
          upheld: 'confirmación',
          overturned: 'revocación',
          sentence_reduced: 'pena reducida',
          sentence_increased: 'pena aumentada',
          retrial_ordered: 'nuevo juicio ordenado',
        }[decision]
      }`,
      court !== null && `(${court})`,
      at,
    ),
};
