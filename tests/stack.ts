import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDemo } from '../demo/server.mjs';
import { createSite, freePort, root, startCollector } from '../scripts/stack.mjs';

/** What the browser tests get: a real collector on D1, the demo app, and a site for it. */
export interface Stack {
  collector: string;
  demo: string;
  publicKey: string;
  secretKey: string;
  siteId: string;
  adminToken: string;
  /** The local D1's persist directory, for `wrangler d1 execute --local --persist-to`. */
  persistTo: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Stack;
  }
}

/** vitest globalSetup: one stack on free ports and a fresh local D1 for the whole run. */
export default async function setup(project: TestProject) {
  const persistTo = await mkdtemp(join(tmpdir(), 'heard-d1-'));
  const collector = await startCollector({ port: await freePort(), persistTo });
  const demoPort = await freePort();
  const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(await readFile(`${root}worker/.dev.vars`, 'utf8'))?.[1]?.trim() ?? '';
  const demoOrigin = `http://127.0.0.1:${demoPort}`;
  const site = await createSite(collector.url, adminToken, 'browser tests', [demoOrigin]);
  const demo = await startDemo({
    port: demoPort,
    collector: collector.url,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    fixtures: new URL('./fixtures/', import.meta.url),
  });
  project.provide('stack', {
    collector: collector.url,
    demo: demo.url,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    siteId: site.id,
    adminToken,
    persistTo,
  });
  return async () => {
    await demo.close();
    await collector.stop();
  };
}
