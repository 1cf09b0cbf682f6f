import type { DetentionFlag } from '../cases/detention-model';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { formatDay } from './format';

// The detention history's flags ("check these") in the reader's words. The API keeps each flag's
// English `message`; the page words it from the flag's own facts.

export function flagInWords(flag: DetentionFlag, language: Language): string {
  const day = (date: string | null) => formatDay(date, 'day', language);
  switch (flag.kind) {
    case 'end-date-mismatch':
      return translate(language, 'flag.endDateMismatch', {
        ordered: day(flag.orderedOn),
        days: flag.days,
        computed: day(flag.computedEnd),
        stated: day(flag.statedUntil),
        apart: Math.abs(flag.differenceDays),
        ends: day(flag.endsOn),
      });
    case 'dated-before-arrest':
      return translate(language, 'flag.datedBeforeArrest', {
        entity: flag.entity,
        date: day(flag.date),
        arrest: day(flag.arrestedOn),
      });
    case 'dated-after-release':
      return translate(language, 'flag.datedAfterRelease', {
        date: day(flag.date),
        released: day(flag.releasedOn),
      });
    case 'no-order-in-force':
      return translate(language, 'flag.noOrderInForce', { ended: day(flag.lastOrderEndedOn) });
    case 'dated-after-death':
      return translate(language, 'flag.datedAfterDeath', {
        dated: flag.date ? 'yes' : 'no',
        date: day(flag.date),
        died: flag.diedOn ? 'yes' : 'no',
        diedOn: day(flag.diedOn),
      });
  }
}
