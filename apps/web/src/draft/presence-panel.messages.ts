/** The strings of draft/presence-panel.ts, in English and Arabic (merged into i18n/messages.ts). */
export const presencePanelMessages = {
  en: {},
  ar: {},
} as const;
