import type { Targeting, TargetingHost } from './targeting';

/** The targeting chunk's interface (`heard-targeting.<hash>.js`). */
export interface TargetingModule {
  createTargeting(host: TargetingHost): Targeting;
}

type Call = (targeting: Targeting) => unknown;

/**
 * Targeting that stays out of the loader: calls wait, in order, until the targeting chunk
 * (rules included) has loaded. When this session already learned that the site has no active
 * survey, the chunk is loaded only if a prompt is shown (to record it) or a survey is asked for.
 */
export function lazyTargeting(load: () => Promise<TargetingModule>, host: TargetingHost): Targeting {
  let targeting: Targeting | undefined;
  let loading: Promise<Targeting> | undefined;
  const queue: Call[] = [];
  let idle = false;
  try {
    idle = JSON.parse(host.session.getItem('heard:a') ?? 'null')?.d.surveys.length === 0;
  } catch {}
  const get = () => {
    loading ??= load().then((module) => {
      targeting = module.createTargeting(host);
      for (const call of queue.splice(0)) call(targeting);
      return targeting;
    });
    loading.catch(host.error);
    return loading;
  };
  const later =
    (call: Call, needs = !idle) =>
    () => {
      if (targeting) return call(targeting);
      queue.push(call);
      if (needs) get();
    };
  return {
    start: (...args) => later((t) => t.start(...args))(),
    identify: (...args) => later((t) => t.identify(...args))(),
    track: (...args) => (idle && !targeting ? undefined : later((t) => t.track(...args))()),
    reset: () => later((t) => t.reset())(),
    shown: (...args) => later((t) => t.shown(...args), true)(),
    dismissed: (...args) => later((t) => t.dismissed(...args), true)(),
    find: (id) => get().then((t) => t.find(id)),
  };
}
