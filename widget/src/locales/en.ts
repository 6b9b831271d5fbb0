import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in English. */
export default {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  npsLo: 'Not at all likely',
  npsHi: 'Extremely likely',
  csat: 'How satisfied are you with your experience?',
  csatLo: 'Very unsatisfied',
  csatHi: 'Very satisfied',
  ces: 'It was easy to get what I needed done.',
  cesLo: 'Strongly disagree',
  cesHi: 'Strongly agree',
  effort: 'How much effort did it take to get what you needed?',
  effortLo: 'Very little effort',
  effortHi: 'A lot of effort',
  detractor: 'What could we do better?',
  passive: 'What would make it even better?',
  promoter: 'What do you like most?',
  csatLow: 'What disappointed you?',
  csatMiddle: 'What was missing?',
  csatHigh: 'What did you like most?',
  cesLow: 'What made it hard?',
  cesMiddle: 'What would have made it easier?',
  cesHigh: 'What made it easy?',
  send: 'Send',
  thanks: 'Thank you!',
  close: 'Close',
} satisfies Strings;
