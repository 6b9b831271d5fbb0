import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in Arabic. */
export default {
  nps: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
  npsLo: 'غير محتمل إطلاقًا',
  npsHi: 'محتمل للغاية',
  csat: 'ما مدى رضاك عن تجربتك؟',
  csatLo: 'غير راضٍ إطلاقًا',
  csatHi: 'راضٍ جدًا',
  ces: 'كان من السهل إنجاز ما أحتاج إليه.',
  cesLo: 'لا أوافق بشدة',
  cesHi: 'أوافق بشدة',
  effort: 'ما مقدار الجهد الذي تطلّبه الحصول على ما تحتاجه؟',
  effortLo: 'جهد قليل جدًا',
  effortHi: 'جهد كبير جدًا',
  detractor: 'ما الذي يمكننا تحسينه؟',
  passive: 'ما الذي سيجعل التجربة أفضل؟',
  promoter: 'ما أكثر ما يعجبك؟',
  csatLow: 'ما الذي خيّب أملك؟',
  csatMiddle: 'ما الذي كان ينقص؟',
  csatHigh: 'ما أكثر ما أعجبك؟',
  cesLow: 'ما الذي جعل الأمر صعبًا؟',
  cesMiddle: 'ما الذي كان سيجعل الأمر أسهل؟',
  cesHigh: 'ما الذي جعل الأمر سهلًا؟',
  send: 'إرسال',
  thanks: 'شكرًا لك!',
  close: 'إغلاق',
} satisfies Strings;
