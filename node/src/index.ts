export type { AnswerInput, HeardOptions, HeardProblem, HeardStats, Props, TrackOptions } from './heard';
export { Heard, retryAfterMs } from './heard';
export { fetchArchive, type ReplaySummary, replayArchive } from './replay';
