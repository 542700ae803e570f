import { editorMessages } from '../draft/editor.messages.js';
import { presencePanelMessages } from '../draft/presence-panel.messages.js';
import { saveStatusMessages } from '../draft/save-status.messages.js';
import { claimsPanelMessages } from '../draft/claims-panel.messages.js';
import { reviewBarMessages } from '../draft/review-bar.messages.js';
import { historyPanelMessages } from '../draft/history-panel.messages.js';
import { publicationsPanelMessages } from '../draft/publications-panel.messages.js';

/**
 * Every string the page shows, in English and Arabic. Keys are grouped by page part; `{name}`
 * placeholders are filled by `t`. Arabic is written for Levantine newsrooms (the first users).
 */
const SHELL = {
  en: {
    'app.name': 'Copydesk',
    'app.language': 'العربية',
    'app.languageLabel': 'Switch the interface to Arabic',
    'app.signOut': 'Sign out',
    'app.signedInAs': 'Signed in as {name} ({role})',
    'app.loading': 'Loading…',
    'app.error': 'Something went wrong: {message}',
    'app.back': 'All drafts',
    'role.reporter': 'reporter',
    'role.fact_checker': 'fact-checker',
    'role.editor': 'editor',
    'role.admin': 'admin',
    'signIn.title': 'Sign in to Copydesk',
    'signIn.email': 'Email',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'signIn.failed': 'Wrong email or password.',
    'signIn.throttled': 'Too many attempts. Try again in {seconds} s.',
    'signIn.ended': 'Your session ended ({reason}). Sign in again; your unsaved changes are kept.',
    'drafts.title': 'Drafts',
    'drafts.desk': 'Desk',
    'drafts.allDesks': 'All desks',
    'drafts.state': 'State',
    'drafts.allStates': 'All states',
    'drafts.search': 'Search',
    'drafts.searchHint': 'Words in the headline or body, in Arabic or English',
    'drafts.none': 'No drafts match.',
    'drafts.more': 'Show more',
    'drafts.new': 'New draft',
    'drafts.newLanguage': 'Language',
    'drafts.newHeadline': 'Headline',
    'drafts.create': 'Create draft',
    'drafts.updated': 'Updated {when}',
    'drafts.untitled': 'Untitled draft',
    'language.ar': 'Arabic',
    'language.en': 'English',
    'state.draft': 'Draft',
    'state.in_review': 'In review',
    'state.changes_requested': 'Changes requested',
    'state.approved': 'Approved',
    'state.scheduled': 'Scheduled',
    'state.published': 'Published',
    'state.withdrawn': 'Withdrawn',
    'state.spiked': 'Spiked',
    'draft.headline': 'Headline',
    'draft.body': 'Body',
    'draft.text': 'Headline and body',
    'draft.notFound': 'This draft does not exist or you may not see it.',
    'draft.readOnly': 'You may read this draft but not edit it.',
    'review.region': 'Review',
    'presence.region': 'Who is here',
    'claims.region': 'Claims',
    'history.region': 'Revisions',
    'publications.region': 'Publications',
  },
  ar: {
    'app.name': 'كوبي دسك',
    'app.language': 'English',
    'app.languageLabel': 'تحويل الواجهة إلى الإنجليزية',
    'app.signOut': 'تسجيل الخروج',
    'app.signedInAs': 'مسجّل الدخول باسم {name} ({role})',
    'app.loading': 'جارٍ التحميل…',
    'app.error': 'حدث خطأ: {message}',
    'app.back': 'كل المسودات',
    'role.reporter': 'مراسل',
    'role.fact_checker': 'مدقق معلومات',
    'role.editor': 'محرر',
    'role.admin': 'مشرف',
    'signIn.title': 'تسجيل الدخول إلى كوبي دسك',
    'signIn.email': 'البريد الإلكتروني',
    'signIn.password': 'كلمة المرور',
    'signIn.submit': 'دخول',
    'signIn.failed': 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
    'signIn.throttled': 'محاولات كثيرة. حاول مجدداً بعد {seconds} ثانية.',
    'signIn.ended': 'انتهت جلستك ({reason}). سجّل الدخول مجدداً؛ تعديلاتك غير المحفوظة باقية.',
    'drafts.title': 'المسودات',
    'drafts.desk': 'القسم',
    'drafts.allDesks': 'كل الأقسام',
    'drafts.state': 'الحالة',
    'drafts.allStates': 'كل الحالات',
    'drafts.search': 'بحث',
    'drafts.searchHint': 'كلمات من العنوان أو النص، بالعربية أو الإنجليزية',
    'drafts.none': 'لا مسودات مطابقة.',
    'drafts.more': 'عرض المزيد',
    'drafts.new': 'مسودة جديدة',
    'drafts.newLanguage': 'اللغة',
    'drafts.newHeadline': 'العنوان',
    'drafts.create': 'إنشاء المسودة',
    'drafts.updated': 'حُدّثت {when}',
    'drafts.untitled': 'مسودة بلا عنوان',
    'language.ar': 'العربية',
    'language.en': 'الإنجليزية',
    'state.draft': 'مسودة',
    'state.in_review': 'قيد المراجعة',
    'state.changes_requested': 'مطلوب تعديلات',
    'state.approved': 'موافق عليها',
    'state.scheduled': 'مجدولة',
    'state.published': 'منشورة',
    'state.withdrawn': 'مسحوبة',
    'state.spiked': 'مُلغاة',
    'draft.headline': 'العنوان',
    'draft.body': 'النص',
    'draft.text': 'العنوان والنص',
    'draft.notFound': 'هذه المسودة غير موجودة أو لا يحق لك رؤيتها.',
    'draft.readOnly': 'يمكنك قراءة هذه المسودة لا تعديلها.',
    'review.region': 'المراجعة',
    'presence.region': 'من هنا',
    'claims.region': 'الادعاءات',
    'history.region': 'النسخ المحفوظة',
    'publications.region': 'المنشورات',
  },
} as const;

const PARTS = [
  editorMessages,
  presencePanelMessages,
  saveStatusMessages,
  claimsPanelMessages,
  reviewBarMessages,
  historyPanelMessages,
  publicationsPanelMessages,
] as const;

type Intersection<U> = (U extends unknown ? (item: U) => void : never) extends (item: infer I) => void ? I : never;
/** The shell's strings and every part's, in one language. */
type Merged<L extends 'en' | 'ar'> = (typeof SHELL)[L] & Intersection<(typeof PARTS)[number][L]>;

function merge<L extends 'en' | 'ar'>(language: L): Merged<L> {
  return Object.assign({}, SHELL[language], ...PARTS.map((part) => part[language])) as Merged<L>;
}

export const MESSAGES = { en: merge('en'), ar: merge('ar') };

export type Locale = keyof typeof MESSAGES;
export type MessageKey = keyof (typeof MESSAGES)['en'];

// Both languages carry every key: a missing Arabic string is a type error, not a blank on screen.
MESSAGES.ar satisfies Record<MessageKey, string>;
