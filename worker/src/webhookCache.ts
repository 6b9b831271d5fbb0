import type { WebhookRow } from './db/webhook';

/** How long, and for how many sites, an isolate remembers that a site has no webhook. */
export interface WebhookAbsenceOptions {
  ttlMs: number;
  maxSites: number;
  now: () => number;
}

/**
 * The sites this isolate has seen without a webhook, so that `POST /v1/collect` of such a site
 * skips the webhook read in its write (a statement, about a fifth of a one-answer request on a
 * local D1). Only absence is remembered: a site seen with a webhook reads it with every write,
 * so a webhook removed or changed takes effect at once everywhere. A webhook set through the API
 * takes effect at once in the isolate that set it ({@link WebhookAbsence.forget}) and within
 * `ttlMs` in every other. A read that began before a forget does not record what it found.
 */
export class WebhookAbsence {
  private readonly none = new Map<string, number>();
  private generation = 0;

  constructor(private readonly options: WebhookAbsenceOptions) {}

  /** Whether a write for the site should read its webhook (and the generation to record the read under). */
  check(siteId: string): { read: boolean; generation: number } {
    const until = this.none.get(siteId);
    if (until !== undefined && until <= this.options.now()) this.none.delete(siteId);
    return { read: until === undefined || until <= this.options.now(), generation: this.generation };
  }

  /** Records what a read begun at `generation` found. */
  saw(siteId: string, webhook: WebhookRow | null, generation: number): void {
    if (webhook !== null || generation !== this.generation) {
      this.none.delete(siteId);
      return;
    }
    this.none.delete(siteId);
    this.none.set(siteId, this.options.now() + this.options.ttlMs);
    while (this.none.size > this.options.maxSites) this.none.delete(this.none.keys().next().value as string);
  }

  /** A webhook was set for the site: read it from the next write on. */
  forget(siteId: string): void {
    this.generation += 1;
    this.none.delete(siteId);
  }
}

/** The isolate's record: a webhook set in another isolate alerts within 30 s. */
export const sitesWithoutWebhook = new WebhookAbsence({ ttlMs: 30_000, maxSites: 5_000, now: () => Date.now() });
