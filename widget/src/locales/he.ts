import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in Hebrew. */
export default {
  nps: 'עד כמה סביר שתמליצו עלינו לחבר או לעמית?',
  npsLo: 'בכלל לא סביר',
  npsHi: 'סביר מאוד',
  csat: 'עד כמה אתם מרוצים מהחוויה?',
  csatLo: 'לא מרוצה בכלל',
  csatHi: 'מרוצה מאוד',
  ces: 'היה קל לעשות את מה שהייתי צריך.',
  cesLo: 'לא מסכים בכלל',
  cesHi: 'מסכים מאוד',
  effort: 'כמה מאמץ נדרש כדי להשיג את מה שהייתם צריכים?',
  effortLo: 'מאמץ מועט מאוד',
  effortHi: 'מאמץ רב מאוד',
  detractor: 'מה נוכל לשפר?',
  passive: 'מה יהפוך את החוויה לטובה עוד יותר?',
  promoter: 'מה הכי אהבתם?',
  csatLow: 'מה אכזב אתכם?',
  csatMiddle: 'מה היה חסר?',
  csatHigh: 'מה מצא חן בעיניכם במיוחד?',
  cesLow: 'מה הקשה עליכם?',
  cesMiddle: 'מה היה הופך את זה לקל יותר?',
  cesHigh: 'מה הפך את זה לקל?',
  send: 'שליחה',
  thanks: 'תודה!',
  close: 'סגירה',
} satisfies Strings;
