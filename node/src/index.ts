export type { AnswerInput, HeardOptions, HeardProblem, HeardStats, Props, TrackOptions } from './heard';
export { Heard, retryAfterMs } from './heard';
