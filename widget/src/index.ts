import { createHeard } from './heard';

export type { Heard } from './heard';
export type * from './types';

const heard = createHeard(
  () => import('./ui'),
  (lang) => import(`./locales/${lang}.ts`),
  () => import('./targeting'),
  () => import('./send'),
);

/** Starts Heard: `init({ site: 'pk_…', endpoint: 'https://collector.example.com' })`. */
export const init = heard.init;
/** Names the signed-in user; traits become segment properties. */
export const identify = heard.identify;
/** Records a product event: `track('activated')`. */
export const track = heard.track;
/** Shows a question now, and asks why after the score: `ask('nps')`, `ask('csat', { display: 'stars', followUp: false })`. */
export const ask = heard.ask;
/** Forgets the user on logout. */
export const reset = heard.reset;
/** Listens to `shown`, `answered`, `dismissed` and `error`. */
export const on = heard.on;
