import fc from 'fast-check';
import { describeCourtTime, instantToLocal, localToInstant, parseCourtTime } from './court-time';

describe('court time', () => {
  it('reads a local time in the case zone', () => {
    expect(parseCourtTime('2022-07-06T10:30', 'Asia/Kolkata')).toEqual({
      local: '2022-07-06T10:30:00',
      instant: new Date('2022-07-06T05:00:00Z'),
      timeKnown: true,
    });
  });

  it('converts an instant with an offset into the case zone', () => {
    expect(parseCourtTime('2022-07-06T05:00:00Z', 'Asia/Kolkata')).toMatchObject({
      local: '2022-07-06T10:30:00',
    });
    expect(parseCourtTime('2022-07-06T10:30:00+05:30', 'Europe/London')).toMatchObject({
      local: '2022-07-06T06:00:00',
    });
  });

  it('takes a date alone as a day whose time is not known', () => {
    expect(parseCourtTime('2022-07-06', 'Asia/Kolkata')).toMatchObject({
      local: '2022-07-06T00:00:00',
      timeKnown: false,
    });
  });

  it('refuses a local time that the zone skips when clocks go forward', () => {
    // Europe/Moscow has no DST now; Europe/Paris skipped 02:00-03:00 on 27 March 2022.
    expect(parseCourtTime('2022-03-27T02:30', 'Europe/Paris')).toBe('not-in-zone');
    expect(parseCourtTime('2022-03-27T03:30', 'Europe/Paris')).toMatchObject({
      local: '2022-03-27T03:30:00',
    });
  });

  it('refuses text that is not a date-time', () => {
    for (const bad of ['tomorrow', '2022-13-01T10:00', '2022-02-30', '06/07/2022 10:30', '']) {
      expect(parseCourtTime(bad, 'Asia/Kolkata')).toBe('unreadable');
    }
  });

  it('describes a court time as subjects and lists show it', () => {
    expect(describeCourtTime('2022-07-06T10:30:00', 'Asia/Kolkata')).toBe('6 Jul 2022 10:30 IST');
    expect(describeCourtTime('2022-07-06T00:00:00', 'Asia/Kolkata', false)).toBe('6 Jul 2022');
    expect(describeCourtTime('2022-07-06T10:30:00', 'Europe/London')).toBe('6 Jul 2022 10:30 BST');
    expect(describeCourtTime('2022-01-06T10:30:00', 'America/New_York')).toBe('6 Jan 2022 10:30 EST');
    expect(describeCourtTime('2022-01-06T10:30:00', 'Asia/Tashkent')).toBe('6 Jan 2022 10:30 GMT+5');
  });

  it('round-trips any existing local time through its instant, in zones with and without DST', () => {
    const zones = ['Asia/Kolkata', 'Europe/Paris', 'America/New_York', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
          const local = instantToLocal(whole, zone);
          const back = localToInstant(local, zone);
          // In the repeated hour when clocks go back, a wall time names two instants; we take the first.
          expect(instantToLocal(back, zone)).toBe(local);
        },
      ),
    );
  });
});
