export * from './internal-api.guard';
export * from './internal-api.client';
export * from './zod-validation.pipe';
export * from './domain-error';
export * from './spreadsheet-cell';
export * from './csv-text';
