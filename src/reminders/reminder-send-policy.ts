// What the sender may do with a reminder, decided from plain data: whether it is too late to be
// true, and what an SMTP failure means. No Nest, TypeORM or SMTP here.

const DAY_MS = 24 * 3600_000;

/** What one run of the processor did; the job's return value. */
export type SendOutcome = 'sent' | 'cancelled' | 'skipped' | 'not-pending' | 'missing' | 'busy';

export interface ReminderTiming {
  /** When it was meant to go out. */
  dueAt: Date;
  /** The moment it is about: the hearing, the custody end, the deadline, the milestone. */
  subjectAt: Date;
}

/**
 * Why a reminder must not go out as written at `now`, or null when it may. A reminder that
 * announces something ahead ("Hearing in 2 hours") has a lead time, subjectAt − dueAt; once it is
 * late by more than that, what it announces has begun and its text is false. One about a moment
 * already reached (a milestone, a digest, an outcome chase) stays true for a day.
 */
export function lateSendReason(reminder: ReminderTiming, now: Date): string | null {
  const lead = reminder.subjectAt.getTime() - reminder.dueAt.getTime();
  const allowed = lead > 0 ? lead : DAY_MS;
  const late = now.getTime() - reminder.dueAt.getTime();
  if (late <= allowed) {
    return null;
  }
  const at = (instant: Date) => `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return lead > 0
    ? `Late: due ${at(reminder.dueAt)}, not sent by ${at(reminder.subjectAt)}, when what it announces began`
    : `Late: due ${at(reminder.dueAt)}, still not sent a day later`;
}

/**
 * Addresses must not reach logs or the reminders list; SMTP errors often quote the refused address.
 * A local part may hold quotes, brackets and more, so the whole word around an @ goes.
 */
export const redact = (message: string): string =>
  message.replace(/[^\s<>]*@[^\s<>]*/g, '<address>').slice(0, 500);

/**
 * What an SMTP failure means for the rest of a send. A reply refusing one message is about that
 * recipient: 5xx for good (no such mailbox, policy), so trying again cannot help; 4xx for now. No
 * reply at all (connection refused, timeout) means the server is out of reach for everyone.
 */
export type SmtpFailure = 'refused-for-good' | 'refused-for-now' | 'unreachable';

export function smtpFailure(error: unknown): SmtpFailure {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code !== 'number') {
    return 'unreachable';
  }
  return code >= 500 && code < 600 ? 'refused-for-good' : 'refused-for-now';
}

/** A send that must not be retried (the processor tells BullMQ so); its message is redacted. */
export class PermanentSendFailure extends Error {
  override readonly name = 'PermanentSendFailure';
}
