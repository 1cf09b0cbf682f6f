import { ClockHearing, nextHearing } from './next-hearing';

const hearing = (id: string, local: string, overrides: Partial<ClockHearing> = {}): ClockHearing => ({
  id,
  scheduledLocal: local,
  // India has no DST: IST is UTC+05:30 all year.
  scheduledAt: new Date(`${local}+05:30`),
  timeKnown: true,
  court: 'NIA Special Court, New Delhi',
  status: 'scheduled',
  ...overrides,
});
const todayInDelhi = (now: string) =>
  new Date(new Date(now).getTime() + 330 * 60_000).toISOString().slice(0, 10);
const next = (hearings: ClockHearing[], now: string) =>
  nextHearing(hearings, new Date(now), todayInDelhi(now));

describe('next hearing', () => {
  const hearings = [
    hearing('h-past', '2022-05-13T11:00:00', { status: 'held' }),
    hearing('h-trial', '2022-07-06T10:30:00'),
    hearing('h-cancelled', '2022-06-20T10:00:00', { status: 'cancelled' }),
    hearing('h-later', '2022-08-01T10:00:00'),
  ];

  it('is the earliest scheduled hearing that has not begun', () => {
    expect(next(hearings, '2022-06-01T06:30:00Z')).toEqual({
      id: 'h-trial',
      scheduledAt: new Date('2022-07-06T05:00:00Z'),
      scheduledLocal: '2022-07-06T10:30:00',
      timeKnown: true,
      court: 'NIA Special Court, New Delhi',
    });
    expect(next(hearings, '2022-07-06T05:00:00Z')?.id).toBe('h-trial');
    expect(next(hearings, '2022-07-06T05:00:01Z')?.id).toBe('h-later');
    expect(next(hearings, '2022-09-01T05:00:00Z')).toBeNull();
  });

  it('keeps a hearing with an unknown time upcoming for the whole of its day', () => {
    const dayOnly = [hearing('h-day', '2022-07-06T00:00:00', { timeKnown: false })];
    expect(next(dayOnly, '2022-07-06T12:00:00Z')?.id).toBe('h-day');
    expect(next(dayOnly, '2022-07-06T19:00:00Z')).toBeNull();
  });
});
