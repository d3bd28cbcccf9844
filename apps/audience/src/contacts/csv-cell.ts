/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, OWASP). A leading
 * apostrophe makes them show it as text; the value is otherwise unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvSafeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
