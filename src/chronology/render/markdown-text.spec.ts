import fc from 'fast-check';
import { marked } from 'marked';
import { markdownBlock, markdownHeading, markdownInline, markdownUrl } from './markdown-text';

// Read back by a real Markdown renderer: marked, GFM on, raw HTML allowed and links not sanitised, so
// anything our escaping lets through would come out live.
const render = (markdown: string): string => marked.parse(markdown, { async: false, gfm: true });

const decode = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text inside the one element the renderer made of `markdown`, which must hold no element of its own. */
function onlyText(markdown: string, tag: string): string {
  const html = render(markdown).trim();
  const match = new RegExp(`^<${tag}>([^<]*)</${tag}>$`).exec(html);
  if (!match) {
    throw new Error(`Expected one <${tag}> holding text only, got ${html}`);
  }
  return decode(match[1]);
}

// Markdown's punctuation, line breaks and a few letters; no "www." or "http", which GFM autolinks by
// design (the link then shows the text typed, which is fine, but makes an element).
const hostile = fc.string({
  unit: fc.constantFrom(...'ab1 #*_-+=>`~[]()!<&;\\|.:/\'"\n\r\t'.split(''), '\u2028', '&amp;', '&#60;'),
  maxLength: 40,
});
const folded = (text: string): string =>
  text
    .replace(/\r\n|[\r\n\v\f\u0085\u2028\u2029]/g, ' ')
    .trim()
    .replace(/^\s+/, '');

describe('markdownInline', () => {
  it.each([
    ['raw HTML', '<img src=x onerror=alert(2)>'],
    ['a javascript: link', '[link](javascript:alert(1))'],
    ['an image', '![x](evil.png)'],
    ['an autolink', '<javascript:alert(1)>'],
    ['an entity', '&lt;script&gt;'],
    ['emphasis and code', '**bold** _it_ `code` ~~gone~~'],
    ['a heading', '# Not a heading'],
    ['a list', '- not a list'],
    ['an ordered list', '2021. Not a list'],
    ['a quote', '> not a quote'],
    ['a table row', '| a | b |'],
  ])('renders %s as the text typed', (_label, text) => {
    expect(onlyText(markdownInline(text), 'p')).toBe(text);
  });

  it('folds line breaks so a name cannot end its heading', () => {
    const name = 'Khurram\r\n# Injected heading\n<script>alert(1)</script>';
    expect(markdownInline(name)).not.toMatch(/[\r\n]/);
    expect(onlyText(`# ${markdownHeading(name)}`, 'h1')).toBe(
      'Khurram # Injected heading <script>alert(1)</script>',
    );
  });

  it('renders any text as typed: as a paragraph, after a lead, in a list item, as a heading', () => {
    fc.assert(
      fc.property(
        hostile.filter((text) => folded(text) !== ''),
        (text) => {
          const expected = folded(text);
          expect(onlyText(markdownInline(text), 'p')).toBe(expected);
          expect(onlyText(`22 November 2021: ${markdownInline(text)}`, 'p')).toBe(
            `22 November 2021: ${expected}`,
          );
          expect(onlyText(`### ${markdownHeading(text)}`, 'h3')).toBe(expected);
          expect(render(`- ${markdownInline(text)}`).trim()).toBe(
            `<ul>\n<li>${render(markdownInline(text)).trim().slice(3, -4)}</li>\n</ul>`,
          );
        },
      ),
    );
  });
});

describe('markdownBlock', () => {
  it('keeps lines and paragraphs but lets no line open a block or an element', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = render(markdownBlock(text));
        expect(html.replace(/<\/?p>|<br>/g, '')).not.toContain('<');
        const shown = decode(html.replace(/<\/?p>|<br>/g, ' '))
          .replace(/\s+/g, ' ')
          .trim();
        expect(shown).toBe(text.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});

describe('markdownUrl', () => {
  it('links http(s) addresses and writes anything else as text', () => {
    expect(markdownUrl('https://monitor.civicus.org/a?b=1&c=2')).toBe(
      '<https://monitor.civicus.org/a?b=1&c=2>',
    );
    expect(render(markdownUrl('javascript:alert(1)'))).not.toContain('<a');
    expect(onlyText(markdownUrl('javascript:alert(1)'), 'p')).toBe('javascript:alert(1)');
  });
});
