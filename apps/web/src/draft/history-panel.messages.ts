/** The strings of draft/history-panel.ts, in English and Arabic (merged into i18n/messages.ts). */
export const historyPanelMessages = {
  en: {},
  ar: {},
} as const;
