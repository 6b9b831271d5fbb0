import type { Targeting, TargetingHost } from './targeting';

/** The targeting chunk's interface (`heard-targeting.<hash>.js`). */
export interface TargetingModule {
  createTargeting(host: TargetingHost): Targeting;
}

/**
 * Targeting that stays out of the loader: calls wait, in order, until the targeting chunk
 * (rules included) has loaded. When this session already learned that the site has no active
 * survey, the chunk is loaded only if a prompt is shown (to record it) or a survey is asked for.
 * Otherwise it loads after the page's load event, when the browser is idle.
 */
export function lazyTargeting(load: () => Promise<TargetingModule>, host: TargetingHost): Targeting {
  let targeting: Targeting | undefined;
  let requested = false;
  const queue: [keyof Targeting, unknown[]][] = [];
  // Whether this session learned that the site has no active survey: read when the browser is
  // idle, not while the page loads (opening sessionStorage waits on the browser).
  let idle: boolean | undefined;
  const fetchChunk = () => {
    if (requested) return;
    requested = true;
    load()
      .then((module) => {
        targeting = module.createTargeting(host);
        for (const [queued, args] of queue.splice(0)) (targeting[queued] as (...a: unknown[]) => void)(...args);
      })
      .catch(host.error);
  };
  // Targeting never competes with the host page's own loading: its chunk and the survey list
  // are fetched once the page has loaded and the browser is idle.
  let scheduled = false;
  const whenIdle = () => {
    if (scheduled) return;
    scheduled = true;
    const then = () => {
      try {
        idle = JSON.parse(host.session.getItem('heard:a') ?? 'null')?.d.surveys.length === 0;
      } catch {}
      if (!idle) fetchChunk();
    };
    const idleThen = () =>
      'requestIdleCallback' in window ? requestIdleCallback(then, { timeout: 2000 }) : setTimeout(then, 1);
    if (document.readyState === 'complete') idleThen();
    else addEventListener('load', idleThen, { once: true });
  };
  const lazy = {} as Targeting;
  // The last four always need the chunk (to record a display, to resolve a survey, to learn the
  // site's settings); the first four only when this session may have surveys.
  for (const [i, name] of (
    ['start', 'identify', 'track', 'reset', 'shown', 'dismissed', 'ask', 'followUp'] as const
  ).entries())
    lazy[name] = ((...args: unknown[]) => {
      if (targeting) return (targeting[name] as (...a: unknown[]) => void)(...args);
      // Without a survey this session, an event cannot trigger anything: nothing to keep.
      if (name === 'track' && idle) return;
      queue.push([name, args]);
      if (i < 4) whenIdle();
      else fetchChunk();
    }) as never;
  return lazy;
}
