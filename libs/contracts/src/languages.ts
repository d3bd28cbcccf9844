import { z } from 'zod';

/** The hub's six languages: Norwegian bokmål and nynorsk, Swedish, Danish, Finnish, English. */
export const LANGUAGES = ['nb', 'nn', 'sv', 'da', 'fi', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
