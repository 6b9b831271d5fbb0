import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in Spanish. */
export default {
  nps: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
  npsLo: 'Nada probable',
  npsHi: 'Muy probable',
  csat: '¿Qué tan satisfecho estás con tu experiencia?',
  csatLo: 'Muy insatisfecho',
  csatHi: 'Muy satisfecho',
  ces: 'Fue fácil hacer lo que necesitaba.',
  cesLo: 'Totalmente en desacuerdo',
  cesHi: 'Totalmente de acuerdo',
  effort: '¿Cuánto esfuerzo te costó conseguir lo que necesitabas?',
  effortLo: 'Muy poco esfuerzo',
  effortHi: 'Mucho esfuerzo',
  detractor: '¿Qué podríamos mejorar?',
  passive: '¿Qué lo haría aún mejor?',
  promoter: '¿Qué es lo que más te gusta?',
  csatLow: '¿Qué te decepcionó?',
  csatMiddle: '¿Qué echaste en falta?',
  csatHigh: '¿Qué te gustó más?',
  cesLow: '¿Qué lo hizo difícil?',
  cesMiddle: '¿Qué lo habría hecho más fácil?',
  cesHigh: '¿Qué lo hizo fácil?',
  send: 'Enviar',
  thanks: '¡Gracias!',
  close: 'Cerrar',
} satisfies Strings;
