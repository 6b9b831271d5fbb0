import { type Bucket, buckets, type Interval } from './calendar';
import { CONTACT_WITHIN_MS } from './constants';
import { quantileSorted } from './percentiles';

/** One low answer as the close-the-loop figures read it. */
export interface LowAnswerContact {
  /** When Heard received the answer (epoch ms): the team could not have known before. */
  receivedAt: number;
  /** When the response first left `open` (epoch ms), or null while nobody has handled it. */
  contactedAt: number | null;
}

/** How well a team closes the loop on its low answers. */
export interface CloseTheLoop {
  /** Low answers received. */
  low: number;
  /** Of those, the ones contacted (at any time). */
  contacted: number;
  /** Low answers whose 48 h have passed, or that were contacted: the denominator of `share`. */
  due: number;
  /** Low answers contacted at most 48 h after they were received. */
  withinTarget: number;
  /** Uncontacted low answers still inside their 48 h: neither a success nor a miss yet. */
  waiting: number;
  /** `withinTarget ÷ due`, 0…1; null when nothing is due. */
  share: number | null;
  /** Median of (first contact − received) over the contacted ones, in ms; null when none was contacted. */
  medianMsToContact: number | null;
}

/**
 * The close-the-loop figures of a set of low answers at `now`: the share contacted within
 * {@link CONTACT_WITHIN_MS} (48 h, the boundary included) of those whose 48 h are over or that
 * were contacted, and the median time to first contact (type-7 quantile, as every median of
 * Heard) among those contacted.
 * @example closeTheLoop([{ receivedAt: 0, contactedAt: 3_600_000 }], 5 * 86_400_000) // share 1, median 1 h
 */
export function closeTheLoop(
  answers: readonly LowAnswerContact[],
  now: number,
  withinMs: number = CONTACT_WITHIN_MS,
): CloseTheLoop {
  let contacted = 0;
  let withinTarget = 0;
  let waiting = 0;
  const waits: number[] = [];
  for (const answer of answers) {
    if (answer.contactedAt === null) {
      if (now - answer.receivedAt < withinMs) waiting += 1;
      continue;
    }
    // A contact stamped before the answer's receipt (clocks) counts as immediate.
    const wait = Math.max(0, answer.contactedAt - answer.receivedAt);
    contacted += 1;
    waits.push(wait);
    if (wait <= withinMs) withinTarget += 1;
  }
  waits.sort((a, b) => a - b);
  const due = answers.length - waiting;
  return {
    low: answers.length,
    contacted,
    due,
    withinTarget,
    waiting,
    share: due > 0 ? withinTarget / due : null,
    medianMsToContact: quantileSorted(waits, 0.5),
  };
}

/** One period of {@link closeTheLoopSeries}: its bucket and its figures. */
export type CloseTheLoopPeriod = Bucket & CloseTheLoop;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * {@link closeTheLoop} per day, ISO week or month (UTC) of the day each answer was received,
 * over `from`…`to` (inclusive days); answers outside the range are left out.
 * @example closeTheLoopSeries(answers, '2026-11-02', '2026-11-15', 'week', now) // 2026-W45, 2026-W46
 */
export function closeTheLoopSeries(
  answers: readonly LowAnswerContact[],
  from: string,
  to: string,
  interval: Interval,
  now: number,
  withinMs: number = CONTACT_WITHIN_MS,
): CloseTheLoopPeriod[] {
  const periods = buckets(from, to, interval);
  const grouped = periods.map(() => [] as LowAnswerContact[]);
  for (const answer of answers) {
    const day = dayOf(answer.receivedAt);
    const at = periods.findIndex((p) => p.from <= day && day <= p.to);
    if (at >= 0) grouped[at]?.push(answer);
  }
  return periods.map((period, i) => ({ ...period, ...closeTheLoop(grouped[i] ?? [], now, withinMs) }));
}
