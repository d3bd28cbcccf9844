import ExcelJS from 'exceljs';
import type { NetworkEventView, RegistrationView } from '@hub/contracts';
import { spreadsheetSafeText } from '@hub/http';

/** The participants of one event, one row each, with a column per question; the same columns in CSV and XLSX. */
function table(event: NetworkEventView, registrations: RegistrationView[]): { header: string[]; rows: string[][] } {
  const questions = event.questions.map((question) => question.id);
  const header = ['status', 'name', 'email', 'organisation', 'language', 'registeredAt', 'attended', ...questions.map((id) => `answer:${id}`)];
  const rows = registrations.map((registration) =>
    [registration.status, registration.name, registration.email, registration.organisation, registration.language, registration.registeredAt, registration.attended, ...questions.map((id) => registration.answers[id])].map(
      // What participants typed is made inert (see spreadsheetSafeText).
      (value) => spreadsheetSafeText(value === null || value === undefined ? '' : String(value)),
    ),
  );
  return { header, rows };
}

function csvCell(text: string): string {
  return /[",\r\n;]/.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM so Excel reads it right. */
export function participantsCsv(event: NetworkEventView, registrations: RegistrationView[]): string {
  const { header, rows } = table(event, registrations);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Every cell a text cell, never a formula; the header row bold and frozen. */
export async function participantsXlsx(event: NetworkEventView, registrations: RegistrationView[]): Promise<Buffer> {
  const { header, rows } = table(event, registrations);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Participants', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
