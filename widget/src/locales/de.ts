import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in German. */
export default {
  nps: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
  npsLo: 'Sehr unwahrscheinlich',
  npsHi: 'Sehr wahrscheinlich',
  csat: 'Wie zufrieden sind Sie mit Ihrer Erfahrung?',
  csatLo: 'Sehr unzufrieden',
  csatHi: 'Sehr zufrieden',
  ces: 'Es war einfach, mein Anliegen zu erledigen.',
  cesLo: 'Stimme überhaupt nicht zu',
  cesHi: 'Stimme voll und ganz zu',
  effort: 'Wie viel Aufwand war nötig, um Ihr Anliegen zu erledigen?',
  effortLo: 'Sehr wenig Aufwand',
  effortHi: 'Sehr viel Aufwand',
  detractor: 'Was könnten wir besser machen?',
  passive: 'Was würde es noch besser machen?',
  promoter: 'Was gefällt Ihnen am besten?',
  csatLow: 'Was hat Sie enttäuscht?',
  csatMiddle: 'Was hat Ihnen gefehlt?',
  csatHigh: 'Was hat Ihnen am besten gefallen?',
  cesLow: 'Was war schwierig?',
  cesMiddle: 'Was hätte es einfacher gemacht?',
  cesHigh: 'Was hat es einfach gemacht?',
  send: 'Senden',
  thanks: 'Vielen Dank!',
  close: 'Schließen',
} satisfies Strings;
