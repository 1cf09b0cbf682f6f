// User text written into Markdown must render as the text typed: no raw HTML, no links, emphasis or
// headings it did not ask for, and no line break that ends a heading or list item early. Backslash
// escapes (CommonMark 2.4) keep the .md readable where entities would not.

// Inline punctuation that opens markup anywhere in a line: emphasis, code, links and images, raw HTML
// and autolinks, GFM tables and strikethrough.
const INLINE = /[\\`*_[\]<>|~]/g;
// An entity reference (&amp; &#60;) would be decoded; the & of "AT&T" is left alone.
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;
// What opens a block at the start of a line: heading, quote, list, setext underline, fenced code.
const LINE_START = /^(\s*)([#>+\-=]|\d+(?=[.)]))/;
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;

const escapeLine = (line: string): string =>
  line
    .trimStart()
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(LINE_START, (_match, space: string, opener: string) =>
      /\d/.test(opener) ? `${space}${opener}\\` : `${space}\\${opener}`,
    );

/** Text for a single-line context (heading, list item, lead): line breaks fold to a space. */
export const markdownInline = (text: string): string => escapeLine(text.replace(LINE_BREAKS, ' ').trim());

/** Text that may span lines (a bio, an entry's paragraph): every line escaped on its own. */
export const markdownBlock = (text: string): string => text.split(LINE_BREAKS).map(escapeLine).join('\n');

/** A heading's text: also no trailing `#`s that would be read as its closing sequence. */
export const markdownHeading = (text: string): string => markdownInline(text).replace(/(\s)(#+)$/, '$1\\$2');

/** An http(s) URL as an autolink; anything else (javascript:, data:, spaces) as plain text. */
export const markdownUrl = (url: string): string =>
  /^https?:\/\/[^\s<>"`]+$/i.test(url) ? `<${url}>` : markdownInline(url);
