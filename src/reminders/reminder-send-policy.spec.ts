import fc from 'fast-check';
import { DateTime } from 'luxon';
import { PlanCase } from './plan-case';
import { planCaseReminders } from './reminder-plan';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy';
import { lateSendReason, redact, smtpFailure } from './reminder-send-policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('lateSendReason', () => {
  // "Hearing in 2 hours", due 08:00 for a hearing at 10:00.
  const twoHoursAhead = {
    dueAt: new Date('2026-07-06T08:00:00Z'),
    subjectAt: new Date('2026-07-06T10:00:00Z'),
  };

  it('lets a reminder go out on time and while what it announces is still ahead', () => {
    expect(lateSendReason(twoHoursAhead, new Date('2026-07-06T08:00:00Z'))).toBeNull();
    expect(lateSendReason(twoHoursAhead, new Date('2026-07-06T09:59:59Z'))).toBeNull();
    expect(lateSendReason(twoHoursAhead, new Date('2026-07-06T10:00:00Z'))).toBeNull();
  });

  it('stops it once it is late by more than its lead time: the hearing has begun', () => {
    expect(lateSendReason(twoHoursAhead, new Date('2026-07-06T10:00:01Z'))).toBe(
      'Late: due 2026-07-06 08:00 UTC, not sent by 2026-07-06 10:00 UTC, when what it announces began',
    );
    // The report of issue 10: "Hearing in 2 minutes" after a worker restart, the hearing under way.
    expect(
      lateSendReason(
        { dueAt: new Date('2026-07-06T15:05:00Z'), subjectAt: new Date('2026-07-06T15:07:00Z') },
        new Date('2026-07-06T15:20:00Z'),
      ),
    ).toMatch(/^Late: /);
  });

  it('gives a reminder about a moment already reached (milestone, digest, outcome chase) a day', () => {
    const milestone = {
      dueAt: new Date('2026-03-31T03:30:00Z'),
      subjectAt: new Date('2026-03-31T03:30:00Z'),
    };
    expect(lateSendReason(milestone, new Date('2026-04-01T03:30:00Z'))).toBeNull();
    expect(lateSendReason(milestone, new Date('2026-04-01T03:31:00Z'))).toBe(
      'Late: due 2026-03-31 03:30 UTC, still not sent a day later',
    );
    // An outcome chase falls due after the hearing it is about.
    const chase = { dueAt: new Date('2026-07-06T17:00:00Z'), subjectAt: new Date('2026-07-06T05:00:00Z') };
    expect(lateSendReason(chase, new Date('2026-07-07T16:00:00Z'))).toBeNull();
    expect(lateSendReason(chase, new Date('2026-07-07T17:00:01Z'))).not.toBeNull();
  });

  it('for every planned hearing reminder: sendable exactly until the hearing begins, across zones and DST', () => {
    const zones = ['Asia/Kolkata', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Europe/Minsk'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -3 * DAY, max: 10 * DAY }),
        (zone, when, lateMs) => {
          const local = DateTime.fromJSDate(when, { zone }).startOf('minute');
          const kase: PlanCase = {
            id: 'c',
            timezone: zone,
            country: 'IN',
            arrestedOn: null,
            arrestedOnPrecision: 'day',
            events: [],
            today: local.toISODate() ?? '2026-01-01',
            detentionStatus: 'in_custody',
            hearings: [
              {
                id: 'h',
                scheduledLocal: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
                timeKnown: true,
                status: 'scheduled',
                court: null,
                outcome: null,
                visibility: 'public',
              },
            ],
            custodyOrders: [],
            charges: [],
            limits: [],
          };
          const hearings = planCaseReminders(
            kase,
            DEFAULT_REMINDER_POLICY,
            new Date('2031-12-31T00:00:00Z'),
          ).filter((r) => r.kind === 'hearing_upcoming');
          for (const reminder of hearings) {
            const now = new Date(reminder.dueAt.getTime() + lateMs);
            const refused = lateSendReason(reminder, now) !== null;
            expect(refused).toBe(now.getTime() > reminder.subjectAt.getTime());
          }
        },
      ),
    );
  });
});

describe('redact', () => {
  it('takes every address out of an SMTP error, as servers quote them', () => {
    expect(redact('451 4.2.1 Mailbox <counsel@example.org> busy, try again later')).toBe(
      '451 4.2.1 Mailbox <<address>> busy, try again later',
    );
    expect(
      redact(
        "Can't send mail - all recipients were rejected: 550 5.1.1 Counsel@Example.ORG: Recipient address rejected; x.y+tag@sub.example.net (unknown)",
      ),
    ).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <address> Recipient address rejected; <address> (unknown)",
    );
    expect(redact('RCPT TO:<a@b.c>')).toBe('RCPT TO:<<address>>');
    expect(redact('"Адвокат"@example.org refused')).not.toMatch(/@/);
  });

  it('never lets an address through, whatever surrounds it, and bounds the length', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (before, address, after) => {
        const out = redact(`${before} <${address}> ${after}`);
        expect(out).not.toContain(address);
        expect(out.length).toBeLessThanOrEqual(500);
      }),
    );
  });
});

describe('smtpFailure', () => {
  it('tells a refusal for good (5xx) from one for now (4xx) and from no reply at all', () => {
    const smtp = (responseCode: number) => Object.assign(new Error('refused'), { responseCode });
    expect(smtpFailure(smtp(550))).toBe('refused-for-good');
    expect(smtpFailure(smtp(554))).toBe('refused-for-good');
    expect(smtpFailure(smtp(451))).toBe('refused-for-now');
    expect(smtpFailure(smtp(421))).toBe('refused-for-now');
    const network = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(smtpFailure(network)).toBe('unreachable');
    expect(smtpFailure(null)).toBe('unreachable');
    expect(smtpFailure('550')).toBe('unreachable');
  });
});
