/**
 * Spreadsheet formula injection ("CSV injection", OWASP): a text cell that starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, WPS and LibreOffice
 * when the file is opened, so a name typed by a public applicant could fetch a URL or run a
 * command on a coordinator's machine. Every table the platform writes (server and web) passes
 * its cells through `guardCell`, which puts the OWASP mark, a leading apostrophe, before such
 * text; every table it reads passes them through `unguardCell`, which takes the mark off, so
 * an exported roster re-imports unchanged. Numbers stay numbers: a number value, or a text that
 * is just a number such as `-12.5`, is no formula and is left alone.
 *
 * Pure and free of imports, so that the web UI can use the very same rule.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MARK = "'";

/** Whether a spreadsheet would run this text as a formula. */
export function runsAsFormula(text: string): boolean {
  return FORMULA_START.test(text) && !NUMBER.test(text);
}

/**
 * Whether a text gets the mark. A text that already starts with apostrophes before a formula
 * (`'=x`, typed so by someone) gets one more, so that taking one off on import gives it back.
 */
function needsMark(text: string): boolean {
  return runsAsFormula(text.replace(/^'+/, ''));
}

/** The text as a spreadsheet cell that will not run as a formula. */
export function guardText(text: string): string {
  return needsMark(text) ? MARK + text : text;
}

/** A cell value made safe to write: text guarded, numbers and empty cells unchanged. */
export function guardCell<T extends string | number | null | undefined>(value: T): T {
  return (typeof value === 'string' ? guardText(value) : value) as T;
}

/** A cell's text as read back from a file, without the mark `guardText` put there. */
export function unguardText(text: string): string {
  return text.startsWith(MARK) && needsMark(text.slice(1)) ? text.slice(1) : text;
}
