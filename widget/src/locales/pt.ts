import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in Portuguese. */
export default {
  nps: 'Qual a probabilidade de você nos recomendar a um amigo ou colega?',
  npsLo: 'Nada provável',
  npsHi: 'Muito provável',
  csat: 'Qual o seu nível de satisfação com a sua experiência?',
  csatLo: 'Muito insatisfeito',
  csatHi: 'Muito satisfeito',
  ces: 'Foi fácil fazer o que eu precisava.',
  cesLo: 'Discordo totalmente',
  cesHi: 'Concordo totalmente',
  effort: 'Quanto esforço foi necessário para conseguir o que precisava?',
  effortLo: 'Muito pouco esforço',
  effortHi: 'Muito esforço',
  detractor: 'O que poderíamos melhorar?',
  passive: 'O que tornaria a experiência ainda melhor?',
  promoter: 'Do que você mais gosta?',
  csatLow: 'O que decepcionou você?',
  csatMiddle: 'O que faltou?',
  csatHigh: 'Do que você mais gostou?',
  cesLow: 'O que dificultou?',
  cesMiddle: 'O que teria facilitado?',
  cesHigh: 'O que facilitou?',
  send: 'Enviar',
  thanks: 'Obrigado!',
  close: 'Fechar',
} satisfies Strings;
