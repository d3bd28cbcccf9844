import type { NetworkEventView, RegistrationView } from '@hub/contracts';
import ExcelJS from 'exceljs';
import { participantsCsv, participantsXlsx } from './participants-csv';

describe('participantsCsv', () => {
  const event = { questions: [{ id: 'diet', kind: 'text', label: { en: 'Diet' }, required: false }] } as unknown as NetworkEventView;
  const registration = (overrides: Partial<RegistrationView>): RegistrationView => ({
    id: 'r1',
    eventId: 'e1',
    status: 'confirmed',
    name: 'Kari',
    email: 'kari@example.test',
    organisation: 'Hamar kommune',
    language: 'nb',
    answers: {},
    seat: 1,
    registeredAt: '2026-11-24T10:00:00.000Z',
    attended: false,
    ...overrides,
  });

  it('makes formulas inert and quotes what needs quoting', () => {
    const csv = participantsCsv(event, [
      registration({ name: '=HYPERLINK("http://evil.example","click")', organisation: '+47 kommune, "sør"', answers: { diet: '@SUM(A1)' } }),
      registration({ name: '-1', organisation: 'Plain' }),
    ]);
    const [header, first, second] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(header).toBe('status,name,email,organisation,language,registeredAt,attended,answer:diet');
    expect(first).toBe(`confirmed,"'=HYPERLINK(""http://evil.example"",""click"")",kari@example.test,"'+47 kommune, ""sør""",nb,2026-11-24T10:00:00.000Z,false,"'@SUM(A1)"`);
    expect(second).toBe(`confirmed,"'-1",kari@example.test,Plain,nb,2026-11-24T10:00:00.000Z,false,`);
  });

  it('writes the same cells to XLSX, as text that is never a formula', async () => {
    const xlsx = await participantsXlsx(event, [registration({ name: '=HYPERLINK("http://evil.example","click")', answers: { diet: '@SUM(A1)' } })]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Participants')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'status', 'name', 'email', 'organisation', 'language', 'registeredAt', 'attended', 'answer:diet']);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(8).value).toBe("'@SUM(A1)");
  });
});
