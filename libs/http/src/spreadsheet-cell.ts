/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, OWASP). A leading
 * apostrophe makes them show it as text; the value is otherwise unchanged. For every export people open in Excel or
 * LibreOffice, CSV and XLSX alike (an XLSX text cell is safe until it is edited or saved as CSV).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
