import type { LimitRow } from '../../src/statutory-limits/limit-model';

let next = 0;

/**
 * A statutory-limit row for unit specs: a made-up 30-day limit from arrest in the country "XX",
 * stopped by a charge sheet or release, on any basis; override what the test is about.
 */
export const limitRow = (overrides: Partial<LimitRow> = {}): LimitRow => ({
  id: `limit-${++next}`,
  country: 'XX',
  law: 'Detention Code',
  section: 's.1',
  reference: 'DC s.1',
  citation: 'Detention Code s.1: no one is held more than thirty days without a charge sheet.',
  citationUrl: null,
  description: 'Charge sheet within 30 days',
  exceeding: 'Release on demand',
  rule: null,
  priority: 0,
  bases: [],
  lawPattern: '',
  sectionPattern: '',
  penaltyFrom: null,
  penaltyBelow: null,
  startsOn: 'arrest',
  stoppedBy: ['charge_sheet', 'release'],
  periods: [{ length: 30, unit: 'days', renewedByCourt: false }],
  ...overrides,
});

/** UAPA s.43D(2) as the shipped table has it: 90 days from arrest, 180 when a court extends it. */
export const uapaRow = (overrides: Partial<LimitRow> = {}): LimitRow =>
  limitRow({
    id: 'uapa',
    country: 'IN',
    reference: 'UAPA s.43D(2)',
    description: 'Charge sheet due within 90 days of arrest; a court may extend to 180',
    lawPattern: 'Unlawful Activities',
    periods: [
      { length: 90, unit: 'days', renewedByCourt: false },
      { length: 90, unit: 'days', renewedByCourt: true },
    ],
    ...overrides,
  });

/** A body for POST /api/statutory-limits: a made-up limit of `days` from arrest; override the rest. */
export const limitBody = (days: number, overrides: Record<string, unknown> = {}) => ({
  country: 'FR',
  law: 'Secret Services Act',
  section: 'art. 1',
  reference: `Limit ${days}`,
  citation: `Secret Services Act art. 1: charge within ${days} days.`,
  description: `Charge within ${days} days`,
  exceeding: 'Release on demand',
  lawPattern: 'Secret Services Act',
  stoppedBy: ['charge_sheet', 'release'],
  periods: [{ length: days, unit: 'days', renewedByCourt: false }],
  ...overrides,
});
