import bidiFactory from 'bidi-js';

// Right-to-left paragraphs for the PDF, by the Unicode Bidirectional Algorithm (UAX #9): pdfkit
// wraps and places text left to right in the order it is given, so an Arabic paragraph is wrapped
// here, and each line is handed over already in visual order, piece by piece.

const bidi = bidiFactory();

/** A stretch of a paragraph written in one style (font, colour, link: whatever the renderer needs). */
export interface Run<S> {
  text: string;
  style: S;
}

/** Part of a visual line, in the order it is drawn from left to right. */
export interface Piece<S> {
  /** What to hand to the shaper (see `shaperText`): a word, or the spaces between two. */
  text: string;
  style: S;
  width: number;
}

export interface VisualLine<S> {
  pieces: Piece<S>[];
  width: number;
}

export type Measure<S> = (text: string, style: S) => number;

// The scripts fontkit (pdfkit's shaper) writes right to left: it shapes a word of them in logical
// order, then reverses its glyphs. A word with any of their letters is therefore handed over in
// logical order, which is the reverse of its visual one.
const RIGHT_TO_LEFT_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
// Letters of any other script make fontkit lay a word out left to right.
const OTHER_SCRIPT = /[^\p{Script=Common}\p{Script=Inherited}]/u;

type ScriptClass = 'rtl' | 'ltr' | 'neutral';

const scriptClass = (char: string): ScriptClass =>
  RIGHT_TO_LEFT_SCRIPT.test(char) ? 'rtl' : OTHER_SCRIPT.test(char) ? 'ltr' : 'neutral';

/**
 * The paragraph wrapped to `width` with a right-to-left base direction, each line in visual order:
 * words placed right to left, numbers and Latin names kept left to right, brackets mirrored.
 * A line break in the text starts a new line.
 */
export function rightToLeftLines<S>(runs: Run<S>[], measure: Measure<S>, width: number): VisualLine<S>[] {
  // pdfkit also splits words at tabs and would draw a carriage return: a tab becomes a space, a
  // carriage return a line break.
  const texts = runs.map((run) => run.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' '));
  const text = texts.join('');
  const styles = runs.flatMap((run, index) => Array.from({ length: texts[index].length }, () => run.style));
  const levels = bidi.getEmbeddingLevels(text, 'rtl');
  return breakLines(text, styles, measure, width).map(([start, end]) =>
    visualLine(text, styles, levels, start, end, measure),
  );
}

/** Where each line starts and ends (end excluded), breaking at spaces as pdfkit does. */
function breakLines<S>(text: string, styles: S[], measure: Measure<S>, width: number): [number, number][] {
  const widthOf = (start: number, end: number): number => {
    let total = 0;
    for (let from = start; from < end;) {
      let to = from + 1;
      while (to < end && styles[to] === styles[from]) {
        to += 1;
      }
      total += measure(text.slice(from, to), styles[from]);
      from = to;
    }
    return total;
  };
  const lines: [number, number][] = [];
  let lineStart = 0;
  let lineEnd = 0;
  let used = 0;
  let space = 0;
  for (const token of text.matchAll(/\n|[ ]+|[^ \n]+/g)) {
    let start = token.index;
    const end = start + token[0].length;
    if (token[0] === '\n') {
      lines.push([lineStart, lineEnd]);
      [lineStart, lineEnd, used, space] = [end, end, 0, 0];
      continue;
    }
    if (token[0].startsWith(' ')) {
      space = widthOf(start, end);
      continue;
    }
    let word = widthOf(start, end);
    if (lineEnd > lineStart && used + space + word > width) {
      lines.push([lineStart, lineEnd]);
      [lineStart, used] = [start, 0];
    } else if (lineEnd > lineStart) {
      used += space;
    } else {
      lineStart = start;
    }
    // A word wider than a line (a long address) is cut where the line is full.
    while (used === 0 && word > width) {
      let cut = start + 1;
      while (cut + 1 < end && widthOf(start, cut + 1) <= width) {
        cut += 1;
      }
      if (/[\udc00-\udfff]/.test(text[cut] ?? '') && cut - 1 > start) {
        cut -= 1;
      }
      lines.push([start, cut]);
      start = cut;
      lineStart = cut;
      word = widthOf(start, end);
    }
    used += word;
    lineEnd = end;
    space = 0;
  }
  if (lineEnd > lineStart || lines.length === 0) {
    lines.push([lineStart, lineEnd]);
  }
  return lines;
}

function visualLine<S>(
  text: string,
  styles: S[],
  levels: ReturnType<typeof bidi.getEmbeddingLevels>,
  start: number,
  end: number,
  measure: Measure<S>,
): VisualLine<S> {
  const order = Array.from({ length: end - start }, (_, offset) => start + offset);
  if (end > start) {
    for (const [from, to] of bidi.getReorderSegments(text, levels, start, end - 1)) {
      order.splice(from - start, to - from + 1, ...order.slice(from - start, to - start + 1).reverse());
    }
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  // Characters in visual order; a surrogate pair reversed with its run is put back together.
  const chars: { char: string; style: S }[] = [];
  for (const index of order) {
    const char = mirrored.get(index) ?? text[index];
    const previous = chars[chars.length - 1];
    if (previous && /^[\udc00-\udfff]$/.test(previous.char) && /[\ud800-\udbff]/.test(char)) {
      previous.char = char + previous.char;
    } else {
      chars.push({ char, style: styles[index] });
    }
  }
  const pieces: Piece<S>[] = [];
  let current: { chars: string[]; style: S; space: boolean; script: ScriptClass } | null = null;
  const close = (): void => {
    if (current) {
      const text = shaperText(current.chars);
      pieces.push({ text, style: current.style, width: measure(text, current.style) });
    }
  };
  for (const { char, style } of chars) {
    const space = char === ' ';
    const script = scriptClass(char);
    const mixesScripts =
      current !== null && script !== 'neutral' && current.script !== 'neutral' && script !== current.script;
    if (current === null || current.space !== space || current.style !== style || mixesScripts) {
      close();
      current = { chars: [char], style, space, script };
    } else {
      current.chars.push(char);
      if (current.script === 'neutral') {
        current.script = script;
      }
    }
  }
  close();
  return { pieces, width: pieces.reduce((total, piece) => total + piece.width, 0) };
}

/**
 * The text that fontkit lays out as `chars` (visual order): a word of a right-to-left script is
 * handed over reversed, since fontkit shapes it and then reverses it itself.
 */
function shaperText(chars: string[]): string {
  const rightToLeft = chars.some((char) => scriptClass(char) === 'rtl');
  return (rightToLeft ? [...chars].reverse() : chars).join('');
}
