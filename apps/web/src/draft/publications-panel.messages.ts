/** The strings of draft/publications-panel.ts, in English and Arabic (merged into i18n/messages.ts). */
export const publicationsPanelMessages = {
  en: {},
  ar: {},
} as const;
