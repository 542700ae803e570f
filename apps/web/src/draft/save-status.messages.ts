/** The strings of draft/save-status.ts, in English and Arabic (merged into i18n/messages.ts). */
export const saveStatusMessages = {
  en: {},
  ar: {},
} as const;
