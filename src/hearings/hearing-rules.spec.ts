import fc from 'fast-check';
import { localToInstant } from './court-time';
import { courtTimeProblemText, localDateOf, outcomeRefusal, readHearingRange } from './hearing-rules';

describe('hearing rules', () => {
  it('takes the day of a hearing from its local wall-clock time', () => {
    expect(localDateOf('2022-07-06T10:30:00')).toBe('2022-07-06');
    expect(localDateOf('2022-07-06T00:00:00')).toBe('2022-07-06');
  });

  it('allows an outcome for a past hearing or one today, never for a cancelled or future one', () => {
    const today = '2022-07-06';
    expect(outcomeRefusal({ status: 'scheduled', scheduledLocal: '2022-07-05T10:30:00' }, today)).toBeNull();
    expect(outcomeRefusal({ status: 'scheduled', scheduledLocal: '2022-07-06T23:30:00' }, today)).toBeNull();
    expect(outcomeRefusal({ status: 'held', scheduledLocal: '2022-07-06T10:30:00' }, today)).toBeNull();
    expect(outcomeRefusal({ status: 'adjourned', scheduledLocal: '2022-07-01T10:30:00' }, today)).toBeNull();
    expect(outcomeRefusal({ status: 'scheduled', scheduledLocal: '2022-07-07T00:00:00' }, today)).toBe(
      'in-future',
    );
    expect(outcomeRefusal({ status: 'cancelled', scheduledLocal: '2022-07-01T10:30:00' }, today)).toBe(
      'cancelled',
    );
  });

  it('is refused exactly when the hearing’s local day is after today, for any pair of days', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (hearingDay, today) => {
        const refusal = outcomeRefusal(
          { status: 'scheduled', scheduledLocal: `${hearingDay}T10:00:00` },
          today,
        );
        expect(refusal === 'in-future').toBe(hearingDay > today);
      }),
    );
  });

  it('names the zone when a local time does not exist in it', () => {
    expect(courtTimeProblemText('not-in-zone', 'Europe/Paris')).toContain('Europe/Paris');
    expect(courtTimeProblemText('unreadable', 'Europe/Paris')).toContain('2022-07-06T10:30');
  });

  it('reads list bounds in the case’s zone, a date alone as `to` including its whole day', () => {
    expect(readHearingRange('2022-07-01', '2022-07-06', 'Asia/Kolkata')).toEqual({
      range: {
        from: localToInstant('2022-07-01T00:00:00', 'Asia/Kolkata'),
        to: localToInstant('2022-07-07T00:00:00', 'Asia/Kolkata'),
      },
    });
    expect(readHearingRange(undefined, '2022-07-06T05:00:00Z', 'Asia/Kolkata')).toEqual({
      range: { to: new Date('2022-07-06T05:00:00.001Z') },
    });
    expect(readHearingRange(undefined, undefined, 'UTC')).toEqual({ range: {} });
    expect(readHearingRange('yesterday', undefined, 'UTC')).toEqual({ field: 'from', problem: 'unreadable' });
    expect(readHearingRange(undefined, '2022-03-27T02:30', 'Europe/Paris')).toEqual({
      field: 'to',
      problem: 'not-in-zone',
    });
  });
});
