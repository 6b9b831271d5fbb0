import { ZSiteCreate, ZSiteCreated, ZSiteMove, ZSiteMoved, ZSiteMoveStart, ZSiteMoveStatus } from '@heard/core';
import { z } from 'zod';
import { moveSite, moveStatus, moveStep, scheduleStep, startMove } from '../db/move';
import { createSite, siteById } from '../db/sites';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';
import { publicKeys } from '../siteCache';

/**
 * `POST /v1/sites` (admin): creates a site; its secret key is shown this once.
 * `POST /v1/sites/{id}/move` (admin): moves a site's data to another D1 binding in one request;
 * `POST /v1/sites/{id}/move/start`, `POST /v1/sites/{id}/move/step` and `GET /v1/sites/{id}/move`
 * do it in steps, for a site too large for one request.
 */
export const sites = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites',
      operationId: 'createSite',
      tag: 'site',
      summary: 'Create a site; the secret key is shown once',
      auth: 'admin',
      body: { schema: ZSiteCreate, name: 'site' },
      response: { status: 201, schema: ZSiteCreated, description: 'the site, its public key and its first secret key' },
    },
    async (c, { body }) => {
      const site = await createSite(c.env.DB, body);
      // Nobody can have sent a key before it existed, but a lookup that raced it must not linger.
      publicKeys.forgetKey(site.publicKey);
      return c.json(site, 201);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites/{id}/move',
      operationId: 'moveSite',
      tag: 'site',
      summary: "Move a site's data to another database (admin)",
      description:
        "Copies every table of the site to the named D1 binding in pages, while collect and batch keep accepting (what arrives meanwhile is parked and replayed into the new database), checks each table's rows and count totals, switches `sites.database`, then deletes the old rows. Other writes to the site answer 503 during the move; reads keep the old database until the switch.",
      auth: 'admin',
      params: z.object({ id: z.string().describe('the site id') }),
      body: { schema: ZSiteMove, name: 'move' },
      errors: [400, 404, 409],
      response: { status: 200, schema: ZSiteMoved, description: 'rows copied and checked per table' },
    },
    async (c, { params, body }) => {
      const site = await siteById(c.env.DB, params.id);
      if (!site) fail(404, `no site ${params.id}`);
      const moved = await moveSite(c.env, site, body.database);
      publicKeys.forgetSite(site.id);
      return c.json(moved);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites/{id}/move/start',
      operationId: 'startSiteMove',
      tag: 'site',
      summary: "Start moving a site's data to another database in steps (admin)",
      description:
        'For a site too large for one request: each step copies, checks or deletes at most `rowsPerStep` rows, and saves where it got to, so a step that crashed is simply run again. With the ingest queue bound, the steps run as queue messages, one after the other; without it, call `POST /v1/sites/{id}/move/step` until `phase` is `done`. Ingest keeps going as in a move in one request (parked, then replayed); other writes answer 503 until the switch. 409 while the site is already moving.',
      auth: 'admin',
      params: z.object({ id: z.string().describe('the site id') }),
      body: { schema: ZSiteMoveStart, name: 'move' },
      errors: [400, 404, 409],
      response: { status: 201, schema: ZSiteMoveStatus, description: 'the move, started' },
    },
    async (c, { params, body }) => {
      const site = await siteById(c.env.DB, params.id);
      if (!site) fail(404, `no site ${params.id}`);
      const status = await startMove(c.env, site, body.database, body.rowsPerStep);
      publicKeys.forgetSite(site.id);
      await scheduleStep(c.env, status);
      return c.json(status, 201);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites/{id}/move/step',
      operationId: 'stepSiteMove',
      tag: 'site',
      summary: "Run the next step of a site's move (admin)",
      description:
        'Runs one step and answers where the move is. Safe to call at any time: while another step holds the move it answers 409 and changes nothing, and once the move has ended it only answers its status. A step that crashed is run again once its lease (a minute) has passed.',
      auth: 'admin',
      params: z.object({ id: z.string().describe('the site id') }),
      errors: [404, 409],
      response: { status: 200, schema: ZSiteMoveStatus, description: 'the move after this step' },
    },
    async (c, { params }) => {
      const stepped = await moveStep(c.env, params.id);
      if (!stepped) fail(404, `the site ${params.id} has no move`);
      if (!stepped.ran && stepped.status.running) fail(409, 'another step of this move is running; try again shortly');
      publicKeys.forgetSite(params.id);
      if (stepped.ran) await scheduleStep(c.env, stepped.status);
      return c.json(stepped.status);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/sites/{id}/move',
      operationId: 'getSiteMove',
      tag: 'site',
      summary: "Where a site's move is (admin)",
      description: 'The running move of the site, or its last one: phase, table, rows copied, tables checked.',
      auth: 'admin',
      params: z.object({ id: z.string().describe('the site id') }),
      errors: [404],
      response: { status: 200, schema: ZSiteMoveStatus, description: 'the move' },
    },
    async (c, { params }) => {
      const status = await moveStatus(c.env, params.id);
      if (!status) fail(404, `the site ${params.id} has no move`);
      return c.json(status);
    },
  ),
];
