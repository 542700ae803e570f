/** The strings of draft/presence-panel.ts, in English and Arabic (merged into i18n/messages.ts). */
export const presencePanelMessages = {
  en: {
    'presence.title': 'Who is here',
    'presence.offline': 'Offline: others are shown again once you reconnect.',
    'presence.you': '(you)',
    'presence.activity.editing': 'editing',
    'presence.activity.reviewing': 'reviewing',
    'presence.activity.idle': 'idle',
    'presence.joined': '{name} opened the draft',
    'presence.left': '{name} left the draft',
  },
  ar: {
    'presence.title': 'من هنا',
    'presence.offline': 'غير متصل: يظهر الآخرون مجدداً عند عودة الاتصال.',
    'presence.you': '(أنت)',
    'presence.activity.editing': 'يحرّر',
    'presence.activity.reviewing': 'يراجع',
    'presence.activity.idle': 'غير نشط',
    'presence.joined': 'فتح {name} المسودة',
    'presence.left': 'غادر {name} المسودة',
  },
} as const;
