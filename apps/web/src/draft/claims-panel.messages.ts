/** The strings of draft/claims-panel.ts, in English and Arabic (merged into i18n/messages.ts). */
export const claimsPanelMessages = {
  en: {},
  ar: {},
} as const;
