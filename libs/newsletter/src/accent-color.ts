/** The transactional emails' green: used when a network's accent colour is not a hex colour. */
export const FALLBACK_ACCENT = '#1f5f3f';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A six-digit lower-case hex colour, or the fallback: the value goes into CSS, so nothing else may pass. */
export function normalizeAccentColor(value: string): string {
  const color = value.trim();
  if (!HEX_COLOR.test(color)) return FALLBACK_ACCENT;
  const digits = color.slice(1).toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits}`;
}

/** WCAG relative luminance of a six-digit hex colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The accent where it stays readable as text on `background` (WCAG AA, 4.5:1), else `text`: a pale brand colour
 * must not make headings and links vanish on the light background, nor a dark one on the dark-mode background.
 */
export function readableAccent(accent: string, background: string, text: string): string {
  return contrastRatio(accent, background) >= 4.5 ? accent : text;
}
