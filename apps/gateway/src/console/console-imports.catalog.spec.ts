import { CONTACT_IMPORT_REASON_CODES } from '@hub/contracts';
import { CONSOLE_IMPORTS_CATALOG } from './console-imports.catalog';

describe('console imports catalogue', () => {
  // pages/page-catalog.spec.ts then holds every other language to what English has.
  it.each(CONTACT_IMPORT_REASON_CODES.filter((code) => code !== 'other'))('words the rejection reason %s', (code) => {
    const reasons = (CONSOLE_IMPORTS_CATALOG.en as { reasons: Record<string, string> }).reasons;
    expect(reasons[code]).toEqual(expect.stringMatching(/\S/));
  });
});
