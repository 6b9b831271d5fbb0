// The customer-success panels (time-to-value, durations, revenue, MRR, retention, health): below
// the scores, so the overview loads them as a chunk of their own while the scores render.
export { DurationsPanel, HealthPanel, RetentionPanel, RevenuePanel, TtvPanel } from './events';
export { MrrPanel } from './mrr';
