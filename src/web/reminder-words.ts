import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { formatCourtTime, formatDay } from './format';
import { readPlainDate } from './plain-date';

// The reminders module words why a reminder was cancelled or held back in English, as it stores
// them (reminder-plan.ts cancelReason, reminder-send-policy.ts lateSendReason, reminder-sender.ts);
// a case's reminder settings page says the known ones in the reader's words.

const CANCEL_REASON = /^(Died in custody|Disappeared)(?: on (.+))?$/;

/** "2 reminders cancelled: Died in custody on 24 April 2022.", in the reader's language. */
export function cancelledWords(language: Language, reason: string, count: number): string {
  const match = CANCEL_REASON.exec(reason);
  const reading = match?.[2] ? readPlainDate(match[2]) : undefined;
  const day = reading && 'date' in reading ? reading.date : undefined;
  if (!match || (match[2] && !day)) {
    return translate(language, 'caseSettings.cancelledOther', { count, reason });
  }
  return translate(language, 'caseSettings.cancelled', {
    count,
    fate: match[1] === 'Disappeared' ? 'disappeared' : 'died',
    dated: day ? 'yes' : 'no',
    date: day ? formatDay(day, 'day', language) : '',
  });
}

const UTC_MINUTE = String.raw`(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC`;
const LATE_BEFORE_IT_BEGAN = new RegExp(
  `^Late: due ${UTC_MINUTE}, not sent by ${UTC_MINUTE}, when what it announces began$`,
);
const LATE_BY_A_DAY = new RegExp(`^Late: due ${UTC_MINUTE}, still not sent a day later$`);
const NOBODY = /^Nobody to send it to/;

const utc = (day: string, time: string, language: Language) =>
  formatCourtTime(`${day}T${time}`, 'UTC', true, language);

/** Why a reminder was skipped or failed; a mail server's own reply is left as it said it. */
export function reminderTroubleWords(language: Language, trouble: string): string {
  const began = LATE_BEFORE_IT_BEGAN.exec(trouble);
  if (began) {
    return translate(language, 'caseSettings.lateBeforeItBegan', {
      due: utc(began[1], began[2], language),
      began: utc(began[3], began[4], language),
    });
  }
  const byADay = LATE_BY_A_DAY.exec(trouble);
  if (byADay) {
    return translate(language, 'caseSettings.lateByADay', { due: utc(byADay[1], byADay[2], language) });
  }
  return NOBODY.test(trouble) ? translate(language, 'caseSettings.toNobodyWhoMayRead') : trouble;
}
