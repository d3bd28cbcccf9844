import type { NetworkEventView, RegistrationView } from '@hub/contracts';

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return before them) as a formula;
 * what participants typed is made inert with a leading apostrophe (OWASP's advice on CSV injection).
 */
function cell(value: string | boolean | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n;]/.test(inert) || inert !== text ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** The participants of one event, one row each, with a column per question; UTF-8 with a BOM so Excel reads it right. */
export function participantsCsv(event: NetworkEventView, registrations: RegistrationView[]): string {
  const questions = event.questions.map((question) => question.id);
  const header = ['status', 'name', 'email', 'organisation', 'language', 'registeredAt', 'attended', ...questions.map((id) => `answer:${id}`)];
  const rows = registrations.map((registration) =>
    [registration.status, registration.name, registration.email, registration.organisation, registration.language, registration.registeredAt, registration.attended, ...questions.map((id) => registration.answers[id])].map(cell).join(','),
  );
  return `\uFEFF${[header.map(cell).join(','), ...rows].join('\r\n')}\r\n`;
}
