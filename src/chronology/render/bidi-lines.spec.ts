import { Piece, rightToLeftLines, Run } from './bidi-lines';

// Every character one unit wide, so that where lines break is plain to see.
const measure = (text: string): number => [...text].length;

/** A word as its glyphs stand on the page from left to right: an Arabic one, last letter first. */
const glyphs = (word: string): string => [...word].reverse().join('');

const hasArabic = (text: string): boolean => /\p{Script=Arabic}/u.test(text);

/** What a line shows from left to right: pdfkit's shaper reverses the Arabic pieces it is handed. */
const seen = (pieces: Piece<string>[]): string =>
  pieces.map((piece) => (hasArabic(piece.text) ? glyphs(piece.text) : piece.text)).join('');

const lines = (runs: Run<string>[], width = 200): Piece<string>[][] =>
  rightToLeftLines(runs, measure, width).map((line) => line.pieces);

describe('right-to-left lines for the PDF', () => {
  it('lays a mixed Arabic line out right to left, the date and the Latin case number still read left to right', () => {
    const [line] = lines([
      { text: '20 نوفمبر 2024: ', style: 'bold' },
      { text: 'اعتقل في القضية RC-01/2021/NIA/JMU أمام المحكمة', style: 'regular' },
    ]);
    expect(seen(line)).toBe(
      [
        glyphs('المحكمة'),
        glyphs('أمام'),
        'RC-01/2021/NIA/JMU',
        glyphs('القضية'),
        glyphs('في'),
        glyphs('اعتقل'),
        ':2024',
        glyphs('نوفمبر'),
        '20',
      ].join(' '),
    );
    // Each Arabic word goes to the shaper in the order it is written, so its letters join.
    expect(line.map((piece) => piece.text)).toEqual(
      expect.arrayContaining(['اعتقل', 'القضية', 'نوفمبر', '20', ':2024', 'RC-01/2021/NIA/JMU']),
    );
    // The date is the lead, in bold; the rest is regular.
    expect(line.filter((piece) => piece.style === 'bold').map((piece) => piece.text)).toEqual([
      ' ',
      ':2024',
      ' ',
      'نوفمبر',
      ' ',
      '20',
    ]);
  });

  it('mirrors brackets, and puts a sentence’s last full stop at its left end', () => {
    const [line] = lines([{ text: 'نُقل إلى سجن (كوت بلوال) في جامو.', style: 'regular' }]);
    expect(seen(line)).toBe(
      [
        '.' + glyphs('جامو'),
        glyphs('في'),
        '(' + glyphs('بلوال'),
        glyphs('كوت') + ')',
        glyphs('سجن'),
        glyphs('إلى'),
        glyphs('نُقل'),
      ].join(' '),
    );
  });

  it('wraps before it reorders: the paragraph starts at the right of its first line', () => {
    const wrapped = lines([{ text: 'أولا ثانيا 2021 ثالثا رابعا', style: 'regular' }], 15);
    expect(wrapped.map(seen)).toEqual([
      `2021 ${glyphs('ثانيا')} ${glyphs('أولا')}`,
      `${glyphs('رابعا')} ${glyphs('ثالثا')}`,
    ]);
  });

  it('cuts a word longer than a line, and starts a new line at a line break', () => {
    const wrapped = lines(
      [{ text: 'انظر https://example.org/a/very/long/path\nالمصدر', style: 'regular' }],
      16,
    );
    expect(wrapped.map(seen)).toEqual([
      glyphs('انظر'),
      'https://example.',
      'org/a/very/long/',
      'path',
      glyphs('المصدر'),
    ]);
  });
});
