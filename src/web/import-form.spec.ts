import { onlyEntryProblems, readImportForm, withoutRefusedCorrections } from './import-form';

describe('the import page’s form', () => {
  const body = {
    text: '3 May 2022: Raid.',
    'keep.lines.0.line': '1',
    'keep.lines.0.entry': '1',
    'keep.lines.0.occurredOn': 'mai 2022',
    'keep.lines.0.precision': 'month',
    'keep.lines.0.endedOn': '٢٠ أيار ٢٠٢٢',
    'keep.lines.0.skip': 'false',
    'keep.lines.0.personId': 'someone',
  };

  it('reads each entry’s dates as people type them', () => {
    expect(readImportForm(body, false)).toMatchObject({
      keep: { lines: [{ line: 1, occurredOn: '2022-05', precision: 'month', endedOn: '2022-05-20' }] },
    });
  });

  it('leaves out a refused correction with the ones that go with it, and keeps the rest', () => {
    const left = withoutRefusedCorrections(body, [
      { field: 'keep.lines.0.occurredOn', problem: 'needs a full date (YYYY-MM-DD) for precision day' },
      { field: 'keep.lines.0.personId', problem: 'this entry is about someone who is not in this case' },
    ]);
    expect(Object.keys(left)).toEqual([
      'text',
      'keep.lines.0.line',
      'keep.lines.0.entry',
      'keep.lines.0.endedOn',
    ]);
    expect(
      Object.keys(withoutRefusedCorrections(body, [{ field: 'keep.lines.0.line', problem: 'no entry' }])),
    ).toEqual(['text']);
  });

  it('lets the preview stand only when every problem is an entry’s correction', () => {
    expect(onlyEntryProblems([{ field: 'keep.lines.3.type', problem: 'must be one of …' }])).toBe(true);
    expect(
      onlyEntryProblems([
        { field: 'keep.lines.3.type', problem: 'must be one of …' },
        { field: 'text', problem: 'must not be blank' },
      ]),
    ).toBe(false);
    expect(onlyEntryProblems([])).toBe(false);
  });
});
