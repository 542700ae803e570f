/** The strings of draft/editor.ts, in English and Arabic (merged into i18n/messages.ts). */
export const editorMessages = {
  en: {},
  ar: {},
} as const;
