import { DemoEntry, KHURRAM_PARVEZ_DEMO, NIA_CASE_2021 } from './khurram-parvez';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const entryDate = (entry: DemoEntry): string | null => {
  switch (entry.kind) {
    case 'charge':
      return entry.broughtOn;
    case 'hearing':
      return entry.date;
    case 'custody_order':
      return entry.orderedOn;
    case 'event':
      return entry.occurredOn;
  }
};

const allIds = (): string[] => [
  KHURRAM_PARVEZ_DEMO.defender.id,
  ...KHURRAM_PARVEZ_DEMO.cases.flatMap((demoCase) => [
    demoCase.id,
    ...demoCase.entries.flatMap((entry) => [
      entry.id,
      ...(entry.kind === 'event' ? entry.sources.map((source) => source.id) : []),
    ]),
  ]),
];

describe('the Khurram Parvez demo data', () => {
  it('gives every row a fixed, valid and distinct uuid', () => {
    const ids = allIds();
    expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells each case in date order, undated entries last', () => {
    for (const demoCase of KHURRAM_PARVEZ_DEMO.cases) {
      const dates = demoCase.entries.map(entryDate);
      const dated = dates.filter((date): date is string => date !== null);
      expect(dated.every((date) => ISO_DATE.test(date))).toBe(true);
      expect(dated).toEqual([...dated].sort());
      expect(dates.slice(dated.length).every((date) => date === null)).toBe(true);
    }
  });

  it('stores month- and year-precision dates on the first day of the month or year', () => {
    const events = KHURRAM_PARVEZ_DEMO.cases.flatMap((demoCase) =>
      demoCase.entries.filter((entry) => entry.kind === 'event'),
    );
    for (const event of events) {
      if (event.precision === 'month') {
        expect(event.occurredOn.endsWith('-01')).toBe(true);
      }
      if (event.precision === 'year') {
        expect(event.occurredOn.endsWith('-01-01')).toBe(true);
      }
    }
  });

  it('links a custody order only to a hearing of the same case listed before it', () => {
    for (const demoCase of KHURRAM_PARVEZ_DEMO.cases) {
      demoCase.entries.forEach((entry, index) => {
        if (entry.kind === 'custody_order' && entry.hearingId !== null) {
          const hearing = demoCase.entries.findIndex((e) => e.kind === 'hearing' && e.id === entry.hearingId);
          expect(hearing).toBeGreaterThanOrEqual(0);
          expect(hearing).toBeLessThan(index);
        }
      });
    }
  });

  it('has public entries plus one internal and one confidential note to show confidentiality', () => {
    const visibilities = NIA_CASE_2021.entries.map((entry) => entry.visibility);
    expect(visibilities.filter((v) => v === 'internal')).toHaveLength(1);
    expect(visibilities.filter((v) => v === 'confidential')).toHaveLength(1);
    const confidential = NIA_CASE_2021.entries.find((entry) => entry.visibility === 'confidential');
    expect(confidential?.kind === 'event' && confidential.title).toMatch(/DEMO DATA \(fictional\)/);
  });

  it('carries no real contact details: only a fictional one on a reserved domain', () => {
    for (const contact of KHURRAM_PARVEZ_DEMO.defender.contacts) {
      expect(contact.phone).toBeUndefined();
      expect(contact.email).toMatch(/@demo\.invalid$/);
      expect(contact.notes).toMatch(/DEMO DATA/);
    }
  });
});
