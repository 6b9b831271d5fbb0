import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in French. */
export default {
  nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?',
  npsLo: 'Pas du tout probable',
  npsHi: 'Très probable',
  csat: 'Êtes-vous satisfait de votre expérience ?',
  csatLo: 'Très insatisfait',
  csatHi: 'Très satisfait',
  ces: 'Il a été facile de faire ce dont j’avais besoin.',
  cesLo: 'Pas du tout d’accord',
  cesHi: 'Tout à fait d’accord',
  effort: 'Combien d’effort cela vous a-t-il demandé ?',
  effortLo: 'Très peu d’effort',
  effortHi: 'Beaucoup d’effort',
  detractor: 'Que pourrions-nous améliorer ?',
  passive: 'Qu’est-ce qui rendrait l’expérience encore meilleure ?',
  promoter: 'Qu’appréciez-vous le plus ?',
  csatLow: 'Qu’est-ce qui vous a déçu ?',
  csatMiddle: 'Qu’est-ce qui vous a manqué ?',
  csatHigh: 'Qu’avez-vous le plus apprécié ?',
  cesLow: 'Qu’est-ce qui a rendu la tâche difficile ?',
  cesMiddle: 'Qu’est-ce qui l’aurait rendue plus facile ?',
  cesHigh: 'Qu’est-ce qui l’a rendue facile ?',
  send: 'Envoyer',
  thanks: 'Merci !',
  close: 'Fermer',
} satisfies Strings;
