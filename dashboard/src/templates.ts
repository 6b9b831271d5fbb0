// The editor's starting points: three surveys a PM runs most, with texts in every built-in
// locale of the widget and targeting that suits each. Follow-up questions are left to the
// widget's built-in texts per score band, which exist in the same locales.
import type { SurveyTexts } from '@heard/core';
import { type SurveyDraft, withDefaults } from './surveyForm';

/** What a template needs to know of the site: the events its settings name. */
export interface TemplateSite {
  /** The event that ends a support ticket (settings `resolution.end`). */
  resolutionEvent: string;
  /** The event that marks a user as having reached value (settings `ttv.value`). */
  valueEvent: string;
}

/** A survey to start from: its name in the list, what it is for, and the survey it makes. */
export interface Template {
  id: 'nps-quarterly' | 'csat-ticket' | 'ces-onboarding';
  name: string;
  summary: string;
  survey(site: TemplateSite): SurveyDraft;
}

const THANKS: Record<string, string> = {
  en: 'Thank you for your feedback!',
  es: '¡Gracias por sus comentarios!',
  fr: 'Merci pour votre avis !',
  de: 'Danke für Ihr Feedback!',
  pt: 'Obrigado pelo seu feedback!',
  ja: 'ご意見ありがとうございます！',
  ar: 'شكرًا على ملاحظاتك!',
  he: 'תודה על המשוב!',
};

/** Texts per locale from one question per locale, with the shared thanks. */
const texts = (questions: Record<string, string>): Record<string, SurveyTexts> =>
  Object.fromEntries(
    Object.entries(questions).map(([locale, question]) => [locale, { question, thanks: THANKS[locale] as string }]),
  );

/** Every template, in the order the editor offers them. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'nps-quarterly',
    name: 'NPS: quarterly relationship',
    summary: 'Asks users of at least 30 days how likely they are to recommend you, at most once a quarter.',
    survey: () =>
      withDefaults({
        name: 'NPS: quarterly relationship',
        kind: 'nps',
        scale: [0, 10],
        texts: texts({
          en: 'Overall, how likely are you to recommend us to a friend or colleague?',
          es: 'En general, ¿qué probabilidad hay de que nos recomiende a un amigo o colega?',
          fr: "Dans l'ensemble, quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?",
          de: 'Wie wahrscheinlich ist es insgesamt, dass Sie uns einem Freund oder Kollegen empfehlen?',
          pt: 'De modo geral, qual a probabilidade de você nos recomendar a um amigo ou colega?',
          ja: '総合的に見て、当社を友人や同僚に勧める可能性はどのくらいありますか？',
          ar: 'بشكل عام، ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
          he: 'באופן כללי, עד כמה סביר שתמליצו עלינו לחבר או לעמית?',
        }),
        appearance: { display: 'numbers' },
        targeting: {
          triggers: [{ type: 'pageview' }],
          delaySeconds: 20,
          afterDays: { days: 30, since: 'first_seen' },
          recontactDays: 90,
          dismissDays: 30,
          sample: 1,
        },
        priority: 10,
      }),
  },
  {
    id: 'csat-ticket',
    name: 'CSAT: after a resolved ticket',
    summary: 'Asks how satisfied the user is with the help they got, right after their ticket is resolved.',
    survey: (site) =>
      withDefaults({
        name: 'CSAT: after a resolved ticket',
        kind: 'csat',
        scale: [1, 5],
        texts: texts({
          en: 'How satisfied are you with the help you received?',
          es: '¿Qué tan satisfecho está con la ayuda que recibió?',
          fr: "Êtes-vous satisfait de l'aide que vous avez reçue ?",
          de: 'Wie zufrieden sind Sie mit der Hilfe, die Sie erhalten haben?',
          pt: 'Qual o seu nível de satisfação com a ajuda que recebeu?',
          ja: '受けたサポートにどのくらい満足していますか？',
          ar: 'ما مدى رضاك عن المساعدة التي تلقيتها؟',
          he: 'עד כמה אתם מרוצים מהעזרה שקיבלתם?',
        }),
        appearance: { display: 'faces' },
        targeting: {
          triggers: [{ type: 'event', name: site.resolutionEvent }],
          delaySeconds: 2,
          recontactDays: 7,
          dismissDays: 7,
          sample: 1,
        },
        priority: 50,
      }),
  },
  {
    id: 'ces-onboarding',
    name: 'CES: after onboarding',
    summary: 'Asks whether getting set up was easy, once, when a user first reaches value.',
    survey: (site) =>
      withDefaults({
        name: 'CES: after onboarding',
        kind: 'ces',
        scale: [1, 7],
        texts: texts({
          en: 'Getting set up was easy.',
          es: 'Fue fácil empezar a usar el producto.',
          fr: 'La prise en main a été facile.',
          de: 'Die Einrichtung war einfach.',
          pt: 'Foi fácil começar a usar o produto.',
          ja: 'セットアップは簡単でした。',
          ar: 'كان الإعداد سهلاً.',
          he: 'ההגדרה הייתה קלה.',
        }),
        appearance: { display: 'numbers' },
        targeting: {
          triggers: [{ type: 'event', name: site.valueEvent }],
          delaySeconds: 5,
          recontactDays: 3650,
          dismissDays: 14,
          sample: 1,
        },
        priority: 30,
      }),
  },
];
