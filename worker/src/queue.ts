import { consumeMoveStep, isMoveMessage, type MoveMessage } from './db/move';
import { type SiteRow, siteById } from './db/sites';
import type { Bindings, IngestMessage } from './env';
import { ITEMS_PER_WRITE, writeToSite } from './ingest';
import { alertAnswers, type Transport } from './webhookDelivery';

const sizeOf = (m: IngestMessage) => m.answers.length + m.events.length + m.displays.length;

/**
 * Groups a delivery's messages into D1 writes: one site per write, at most
 * {@link ITEMS_PER_WRITE} items each, messages never split.
 */
export function planWrites(messages: readonly Message<IngestMessage>[]): Message<IngestMessage>[][] {
  const bySite = new Map<string, Message<IngestMessage>[][]>();
  for (const message of messages) {
    const writes = bySite.get(message.body.siteId) ?? [];
    bySite.set(message.body.siteId, writes);
    const last = writes.at(-1);
    const used = last?.reduce((n, m) => n + sizeOf(m.body), 0) ?? ITEMS_PER_WRITE;
    if (last && used + sizeOf(message.body) <= ITEMS_PER_WRITE) last.push(message);
    else writes.push([message]);
  }
  return [...bySite.values()].flat();
}

const isIngestMessage = (body: unknown): body is IngestMessage =>
  typeof body === 'object' &&
  body !== null &&
  (body as IngestMessage).v === 1 &&
  typeof (body as IngestMessage).siteId === 'string' &&
  [(body as IngestMessage).answers, (body as IngestMessage).events, (body as IngestMessage).displays].every(
    Array.isArray,
  );

/**
 * The ingest queue's consumer: writes each planned group in one D1 batch (the collector's own
 * batched writer, one statement per table). The writes are
 * idempotent (client ids, `ON CONFLICT DO NOTHING`, rollups by trigger on inserted rows
 * only), so a redelivered message changes nothing. A group whose write fails is retried;
 * the others are acknowledged. Low answers alert the site's webhook once they are stored (collect
 * cannot: in queue mode it answers before the write), after their messages are acknowledged.
 * The queue also carries the steps of a site's move (db/move.ts), each run on its own.
 */
export async function consumeIngest(
  batch: MessageBatch<unknown>,
  env: Bindings,
  _ctx?: ExecutionContext,
  transport?: Transport,
): Promise<void> {
  const valid: Message<IngestMessage>[] = [];
  const moves: Promise<void>[] = [];
  for (const message of batch.messages) {
    if (isMoveMessage(message.body)) moves.push(consumeMoveStep(env, message as Message<MoveMessage>));
    else if (isIngestMessage(message.body)) valid.push(message as Message<IngestMessage>);
    else {
      console.error(`heard: dropped a message that is not an ingest message (${message.id})`);
      message.ack();
    }
  }
  await Promise.all([
    ...moves,
    ...planWrites(valid).map(async (write) => {
      const first = write[0] as Message<IngestMessage>;
      let site: SiteRow | null;
      try {
        site = await siteById(env.DB, first.body.siteId);
        if (!site) {
          console.error(`heard: dropped queued items of a site that no longer exists (${first.body.siteId})`);
          for (const message of write) message.ack();
          return;
        }
        const { result: stored } = await writeToSite(
          env,
          site,
          {
            answers: write.flatMap((m) => m.body.answers),
            events: write.flatMap((m) => m.body.events),
            displays: write.flatMap((m) => m.body.displays),
          },
          // One received_at per write: a delivery's messages were sent within its batch timeout.
          first.body.receivedAt,
        );
        if (stored.expired) {
          // The site's retention changed after collect checked these: they would be purged at once.
          console.warn(`heard: ${stored.expired.length} queued items were older than the site's retention; not stored`);
        }
        if (stored.conflicts) {
          // Re-sent answer ids that disagree with the stored answers: refused, nothing changed.
          console.warn(
            `heard: ${stored.conflicts.length} queued answers disagreed with the stored answer of their id; not applied`,
          );
        }
        for (const message of write) message.ack();
      } catch (error) {
        console.error(`heard: an ingest write failed and will be retried: ${String(error)}`);
        for (const message of write) message.retry();
        return;
      }
      const answers = write.flatMap((m) => m.body.answers);
      if (answers.length === 0) return;
      try {
        // A redelivered message alerts no second time: each (answer, stage) is claimed once.
        await alertAnswers(env, site, answers, transport);
      } catch (error) {
        console.error(`heard: an answer alert failed: ${String(error)}`);
      }
    }),
  ]);
}
