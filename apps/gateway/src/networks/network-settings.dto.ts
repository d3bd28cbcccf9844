import { z } from 'zod';
import { languageSchema } from '@hub/contracts';

const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Oslo');

/** An owner's changes to the network's profile, languages, branding and sender identity; every field optional. */
export const networkSettingsSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().max(2_000),
    defaultLanguage: languageSchema,
    languages: z.array(languageSchema).min(1).max(6),
    timeZone: timeZoneSchema,
    isPublic: z.boolean(),
    branding: z.object({
      logoUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).nullable(),
      accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d5a3b'),
    }),
    sender: z.object({
      fromName: z.string().trim().min(1).max(100).refine((v) => !/[\r\n"<>]/.test(v), 'must not contain line breaks, quotes or angle brackets'),
      fromAddress: z.email(),
      replyTo: z.email().nullable(),
      postalAddress: z.string().trim().max(300),
    }),
  })
  .partial()
  .strict()
  .refine((s) => !s.languages || !s.defaultLanguage || s.languages.includes(s.defaultLanguage), {
    message: 'must be one of languages',
    path: ['defaultLanguage'],
  });
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
