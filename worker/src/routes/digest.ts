import { type Digest, ZDigest, ZDigestQuery } from '@heard/core';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { buildDigest } from '../reports/digest';
import { defineRoute } from '../route';

/** `GET /v1/digest` (secret key): what the scheduled digest of the last complete period says. */
export const digest = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/digest',
      operationId: 'getDigest',
      tag: 'scores',
      summary:
        'The digest of the last complete week or day: scores and their change, themes, low answers, accounts at risk',
      description:
        "The last complete ISO week (Monday first) or day in the site's `timeZone` setting, against the one before. Per metric with answers in either: the score and change with the test of GET /v1/scores?compare=previous (never significant below 30 answers a period), the response rate, the significant themes of GET /v1/themes for the period with their share the period before, and the period's low answers with how long the oldest has waited. Then the accounts at risk now (GET /v1/health) that the previous digest's record did not list. With a webhook set, the hourly cron posts it once per period as a Slack-compatible message (settings `digest.period`), and not at all when `quiet`.",
      auth: 'secret',
      query: ZDigestQuery,
      response: { status: 200, schema: ZDigest, description: 'the digest' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(dbFor(c.env, c.var.site), c.var.site.id);
      const { atRiskNow: _, ...report } = await buildDigest(
        dbFor(c.env, c.var.site),
        c.var.site.id,
        settings,
        query.period,
        Date.now(),
      );
      return c.json(report satisfies Digest);
    },
  ),
];
