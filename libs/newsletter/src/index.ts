export * from './sanitize-newsletter-html';
export * from './newsletter.renderer';
export * from './newsletter.errors';
export * from './newsletter.catalog';
export { FALLBACK_ACCENT, normalizeAccentColor } from './accent-color';
