import { deriveDetention, DetentionEvent } from '../cases/detention-history';
import { CHRONOLOGY_LANGUAGES, ChronologyLanguage } from './date-phrases';
import { detentionSummary } from './detention-summary';

let n = 0;
const event = (type: string, date: string | null, more: Partial<DetentionEvent> = {}): DetentionEvent => ({
  id: `e${++n}`,
  type,
  date,
  precision: 'day',
  createdAt: `2020-01-01T00:00:${String(n % 60).padStart(2, '0')}.000000Z`,
  ...more,
});
const summary = (events: DetentionEvent[], today: string, lang: ChronologyLanguage = 'en') =>
  detentionSummary(deriveDetention({ events, custodyOrders: [] }, today), lang);

describe('the detention line of a summary', () => {
  const preTrial = [event('arrest', '2022-05-03', { custodyBasis: 'pre_trial' })];
  const sentenced = [
    event('arrest', '2017-03-20'),
    event('sentence', '2019-05-10', { sentenceTerm: 'P10Y', creditForCustody: true }),
  ];
  const died = [event('arrest', '2022-02-24'), event('death_in_custody', '2022-04-24')];

  it('states pre-trial detention with its days, in every language', () => {
    expect(summary(preTrial, '2022-12-06')).toBe('In pre-trial detention since 3 May 2022 (217 days)');
    expect(summary(preTrial, '2022-12-06', 'ru')).toBe(
      'Предварительное заключение с 3 мая 2022 г. (217 дней)',
    );
    expect(summary(preTrial, '2022-12-06', 'fr')).toBe(
      'En détention provisoire depuis le 3 mai 2022 (217 jours)',
    );
    expect(summary(preTrial, '2022-12-06', 'es')).toBe(
      'En prisión preventiva desde el 3 de mayo de 2022 (217 días)',
    );
  });

  it('states a sentence being served and its expected release', () => {
    expect(summary(sentenced, '2026-12-06')).toBe(
      'Serving a 10-year sentence; expected release 20 March 2027',
    );
    expect(summary(sentenced, '2026-12-06', 'ru')).toBe(
      'Отбывает наказание сроком 10 лет; ожидаемое освобождение 20 марта 2027 г.',
    );
    expect(summary(sentenced, '2026-12-06', 'fr')).toBe(
      'Purge une peine de 10 ans\u00a0; libération prévue le 20 mars 2027',
    );
    expect(summary(sentenced, '2026-12-06', 'es')).toBe(
      'Cumple una condena de 10 años; liberación prevista el 20 de marzo de 2027',
    );
    const mixed = [event('arrest', '2020-01-01'), event('sentence', '2020-06-01', { sentenceTerm: 'P2Y6M' })];
    expect(summary(mixed, '2021-01-01')).toBe(
      'Serving a sentence of 2 years and 6 months; expected release 1 July 2022',
    );
    expect(summary(mixed, '2021-01-01', 'ru')).toMatch(/^Отбывает наказание сроком 2 года и 6 месяцев;/);
  });

  it('states a death in custody plainly', () => {
    expect(summary(died, '2026-12-06')).toBe('Died in custody on 24 April 2022');
    expect(summary(died, '2026-12-06', 'ru')).toBe('Смерть под стражей 24 апреля 2022 г.');
    expect(summary(died, '2026-12-06', 'fr')).toBe('Décès en détention le 24 avril 2022');
    expect(summary(died, '2026-12-06', 'es')).toBe('Murió bajo custodia el 24 de abril de 2022');
  });

  it('states bail, release, a disappearance and never having been held', () => {
    const arrest = event('arrest', '2022-05-03');
    expect(summary([arrest, event('bail_granted', '2022-05-13')], '2022-06-01')).toBe(
      'On bail since 13 May 2022',
    );
    expect(summary([arrest, event('release', '2023-06-01')], '2023-07-01')).toBe('Released on 1 June 2023');
    expect(summary([arrest, event('release', '2023-06-01', { precision: 'month' })], '2023-07-01')).toBe(
      'Released in June 2023',
    );
    expect(summary([arrest, event('disappearance', '2022-06-01')], '2023-07-01')).toBe(
      'Disappeared on 1 June 2022; whereabouts unknown',
    );
    expect(summary([], '2023-07-01')).toBe('Not detained');
    for (const lang of CHRONOLOGY_LANGUAGES) {
      expect(summary([arrest, event('bail_granted', '2022-05-13')], '2022-06-01', lang)).toMatch(/2022/);
    }
  });
});
