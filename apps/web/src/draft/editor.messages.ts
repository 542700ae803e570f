/** The strings of draft/editor.ts, in English and Arabic (merged into i18n/messages.ts). */
export const editorMessages = {
  en: {
    'editor.headlinePlaceholder': 'Write the headline',
    'editor.bodyPlaceholder': 'Write the story',
    'editor.headlineHint': 'One line; Enter moves to the body.',
    'editor.loading': 'Opening the text…',
    'editor.viewOnly': 'You may read this draft but not edit it.',
    'editor.commentOnly': 'You may read this draft and select its text to mark claims, but not edit it.',
    'editor.locked.approved':
      'Locked: the draft is approved, so its text cannot change until an editor reopens it or asks for changes.',
    'editor.locked.scheduled': 'Locked: the draft is scheduled for release. An editor can reopen it.',
    'editor.locked.published': 'Locked: the draft is published. An editor can start a correction.',
    'editor.locked.withdrawn': 'Locked: the draft was withdrawn.',
    'editor.locked.spiked': 'Locked: the draft is spiked. Restore it to edit it again.',
    'editor.tooLarge':
      'Not added: that change is {size} KB, more than the {limit} KB the server takes at once. Add it in smaller parts.',
  },
  ar: {
    'editor.headlinePlaceholder': 'اكتب العنوان',
    'editor.bodyPlaceholder': 'اكتب الخبر',
    'editor.headlineHint': 'سطر واحد؛ مفتاح Enter ينقلك إلى النص.',
    'editor.loading': 'جارٍ فتح النص…',
    'editor.viewOnly': 'يمكنك قراءة هذه المسودة لا تعديلها.',
    'editor.commentOnly': 'يمكنك قراءة هذه المسودة وتحديد نصها لوسم الادعاءات، لا تعديلها.',
    'editor.locked.approved': 'مقفلة: تمت الموافقة على المسودة، فلا يتغير نصها حتى يعيد محرر فتحها أو يطلب تعديلات.',
    'editor.locked.scheduled': 'مقفلة: المسودة مجدولة للنشر. يمكن لمحرر إعادة فتحها.',
    'editor.locked.published': 'مقفلة: المسودة منشورة. يمكن لمحرر بدء تصحيح.',
    'editor.locked.withdrawn': 'مقفلة: سُحبت المسودة.',
    'editor.locked.spiked': 'مقفلة: المسودة مُلغاة. استعِدها لتعديلها من جديد.',
    'editor.tooLarge':
      'لم يُضف: حجم هذا التعديل {size} كيلوبايت، أكثر من {limit} كيلوبايت يقبلها الخادم دفعة واحدة. أضفه على أجزاء أصغر.',
  },
} as const;
