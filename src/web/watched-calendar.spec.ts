import { monthBounds, monthWeeks, shiftMonth } from './watched-calendar';

describe('the calendar month', () => {
  it('runs Monday to Sunday: March 2022 begins on a Tuesday and ends on a Thursday', () => {
    const weeks = monthWeeks('2022-03');
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      '2022-03-01',
      '2022-03-02',
      '2022-03-03',
      '2022-03-04',
      '2022-03-05',
      '2022-03-06',
    ]);
    expect(weeks[4]).toEqual(['2022-03-28', '2022-03-29', '2022-03-30', '2022-03-31', null, null, null]);
  });

  it('fits February 2021 in four whole weeks, and a leap February its 29th', () => {
    expect(monthWeeks('2021-02').map((week) => week.filter(Boolean).length)).toEqual([7, 7, 7, 7]);
    expect(monthWeeks('2024-02').flat().filter(Boolean).at(-1)).toBe('2024-02-29');
  });

  it('steps across years', () => {
    expect(shiftMonth('2022-12', 1)).toBe('2023-01');
    expect(shiftMonth('2022-01', -1)).toBe('2021-12');
    expect(monthBounds('2022-12')).toEqual({ first: '2022-12-01', next: '2023-01-01' });
  });
});
