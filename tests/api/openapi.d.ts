// Generated from GET /openapi.json by `pnpm openapi` (tests/api/generate.mjs). Do not edit.
export interface paths {
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document as a readable page */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (OpenAPI 3.1), generated from the zod schemas of the routes */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/_/page.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The link page's one script: records a score as soon as a person chooses it
         * @description Progressive enhancement: the page works without it. From an email's score link it records that score at once; scanners run no script, so a plain GET still records nothing.
         */
        get: operations["linkPageScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/s/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A link's survey page: plain HTML, no script, its own strict CSP
         * @description `?score=N` (from an email's score link) shows N chosen and the comment beside it; nothing is recorded until the form is sent, so mail scanners that fetch links answer nothing. The path's token is the key.
         */
        get: operations["linkPage"];
        put?: never;
        /**
         * Answer a link's survey (the page's form)
         * @description Stores the link's one answer, its id made from the token: sending again never counts twice, another score replaces the first, a comment joins it. `channel` is `email` when the page came from an email's score link, else `link`.
         */
        post: operations["answerLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/archive/{day}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One day of the site's raw batches from the R2 archive, as NDJSON
         * @description Every valid item collect and batch took in on that UTC day (also the events settings.events.store did not store raw), one JSON object per line with its type. 404 when the collector has no ARCHIVE bucket or the day has no batch.
         */
        get: operations["getArchive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store answers, events and displays from a backend or an import (secret key)
         * @description Collect's body without site, or Segment's HTTP Tracking API batch ({ batch: [track | identify calls] }, messageId as the item id). At most 1000 items and 1048576 bytes; ts up to 5 years old; trusted events allowed. Exactly once by item id: a re-sent id counts in duplicates. Invalid items are listed in rejected by index.
         */
        post: operations["batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store a batch of answers, events and displays from a page (public key in the body)
         * @description Every item has a client-made UUID id; re-sending it is a no-op (counted in duplicates). Invalid items are listed in rejected by index, so a client drops exactly those; a batch with no valid item is a 400 whose error carries rejected. Pages send the JSON as text/plain, a CORS simple request; preflights are refused.
         */
        post: operations["collect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Answers with a comment, newest first, by score range, segment and text; paged with `before` */
        get: operations["listComments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The digest of the last complete week or day: scores and their change, themes, low answers, accounts at risk
         * @description The last complete ISO week (Monday first) or day in the site's `timeZone` setting, against the one before. Per metric with answers in either: the score and change with the test of GET /v1/scores?compare=previous (never significant below 30 answers a period), the response rate, the significant themes of GET /v1/themes for the period with their share the period before, and the period's low answers with how long the oldest has waited. Then the accounts at risk now (GET /v1/health) that the previous digest's record did not list. With a webhook set, the hourly cron posts it once per period as a Slack-compatible message (settings `digest.period`), and not at all when `quiet`.
         */
        get: operations["getDigest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/durations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Resolution time per entity: count, mean, p50/p75/p90, open backlog */
        get: operations["getDurations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events per day and per name, from the daily counts
         * @description Every accepted event counts once (by its id) in its UTC day, stored raw or only counted. Default: the last 30 days up to today (UTC).
         */
        get: operations["getEventsDaily"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every answer, oldest first, streamed as CSV (RFC 4180) or NDJSON
         * @description Same filters as /v1/scores (metric optional). CSV cells starting with = + - @ are prefixed with an apostrophe so spreadsheets never run them. Rows are read in pages by keyset (ts, id).
         */
        get: operations["exportAnswers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A 0–100 health score per account with its parts, and the at-risk list */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identity/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue or rotate the site's identity secret (ids_…), shown once
         * @description userHash = lowercase hex HMAC-SHA256(identity secret, userId). Rotating replaces the secret at once: hashes made with the old one stop verifying. Turn verification on with PATCH /v1/settings { identity: { required: true } }. A collector deployed without its SECRETS_KEY answers 503.
         */
        post: operations["issueIdentitySecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's secret keys: ids and dates, never the keys */
        get: operations["listKeys"];
        put?: never;
        /** Issue another secret key (shown once); the others keep working */
        post: operations["issueKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a secret key by id, or `current` for the one this request uses
         * @description The last active key of a site cannot be revoked (409): issue a new one first.
         */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A signed personal link to a survey, one link per score for an email, and the email's HTML
         * @description The token in the URL is a random id and a MAC (HMAC-SHA256 under the site's link key) over the link's row: it holds nothing personal, and it cannot be altered to point at another survey, site or user. Opening a link records nothing; the page's form does. Each link has one answer: answering again, or with another score, replaces it (the latest choice wins), and a comment joins it.
         */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/links/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the site's link key
         * @description New links are signed with a new key. Links made before keep working until they expire, unless `revokePrevious` stops them all now. The key never leaves the collector.
         */
        post: operations["rotateLinkKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mrr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MRR movements from Stripe: start, new, expansion, contraction, churned, reactivation, end; NRR, GRR
         * @description Each account is compared at each period's start and end: new, reactivation, expansion, contraction or churned, so movements sum to end − start. One currency per report (`currency=`, default the one most accounts bill in); other currencies are listed, never converted. `by=` a trait of the account (plan, country) gives the same periods per value in `segments`, summing to the whole. Tied to feedback: `atRisk` (MRR of the accounts under the health threshold, as /v1/health), `npsByMrrBand` (NPS with its 95% interval per MRR band, each account's latest NPS answer) and `churned` (every churned or contraction movement of the window, most MRR lost first, with the account's last NPS, CSAT and comment).
         */
        get: operations["getMrr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Low and commented answers with their triage state, newest first; keyset-paged with `cursor`
         * @description A response is an answer in the low band of its scale (NPS 0–6, the worst two points of CSAT/CES) or one with a comment. Filters combine: status, metric, band, survey, tag, assignee, segment (`by` + `value`, a trait or prop) and `q` (text in the comment). Pages follow (answer time, id), so answers stored between two pages never repeat or skip a row; pass `next` as `cursor`.
         */
        get: operations["listResponses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/responses/{answerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Triage a response: status, assignee, tags, and a note for its history
         * @description `status` moves open → contacted → closed (any move is allowed; the first move out of open is the first contact). `tags` replaces the set; `assignee: null` unassigns; `note` adds a note by `author` (default: the assignee). The response is answered as it now is.
         */
        patch: operations["updateResponse"];
        trace?: never;
    };
    "/v1/responses/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Close-the-loop figures per period: share of low answers contacted within 48 h, median time to contact
         * @description Low answers are cut by the UTC day Heard received them. share = contacted within 48 h (inclusive) ÷ due, where due leaves out the uncontacted answers still inside their 48 h; the median is over the contacted ones. See docs/responses.md.
         */
        get: operations["getResponsesSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers at start, new, lost, churn and retention per period; a cohort table */
        get: operations["getRetention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Expansion and contraction revenue, ARPA, net revenue retention and CLV */
        get: operations["getRevenue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * NPS, CSAT or CES with 95% intervals, series, segments, response rate and a comparison
         * @description Days are calendar days in `tz` (default UTC). With tz=UTC, reads the daily rollup, and for `by` one of the site's `segments` setting (default plan and country) the segment rollup; otherwise reads answers through the (site, kind, ts) index. `channel` keeps the answers given there (web, link, email), read from the answers; a link or email channel's response rate is its answers over the links made in the period. `by=channel` splits by channel instead of a trait, each segment with that channel's response rate. `lowSample` is true below 30 answers. `compare=previous` adds the same report for the preceding period of equal length and a two-sided 95% test of the difference: a z-test with each period's variance (NPS), the pooled two-proportion z-test (CSAT), Welch's statistic against the normal (CES).
         */
        get: operations["getScores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The site's customer-success settings
         * @description Time-to-value and resolution events, churn event and inactivity days, revenue event, account trait, health weights and at-risk threshold.
         */
        get: operations["getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change any subset of the customer-success settings */
        patch: operations["updateSettings"];
        trace?: never;
    };
    "/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a site; the secret key is shown once */
        post: operations["createSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a site's move is (admin)
         * @description The running move of the site, or its last one: phase, table, rows copied, tables checked.
         */
        get: operations["getSiteMove"];
        put?: never;
        /**
         * Move a site's data to another database (admin)
         * @description Copies every table of the site to the named D1 binding in pages, while collect and batch keep accepting (what arrives meanwhile is parked and replayed into the new database), checks each table's rows and count totals, switches `sites.database`, then deletes the old rows. Other writes to the site answer 503 during the move; reads keep the old database until the switch.
         */
        post: operations["moveSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{id}/move/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start moving a site's data to another database in steps (admin)
         * @description For a site too large for one request: each step copies, checks or deletes at most `rowsPerStep` rows, and saves where it got to, so a step that crashed is simply run again. With the ingest queue bound, the steps run as queue messages, one after the other; without it, call `POST /v1/sites/{id}/move/step` until `phase` is `done`. Ingest keeps going as in a move in one request (parked, then replayed); other writes answer 503 until the switch. 409 while the site is already moving.
         */
        post: operations["startSiteMove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{id}/move/step": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the next step of a site's move (admin)
         * @description Runs one step and answers where the move is. Safe to call at any time: while another step holds the move it answers 409 and changes nothing, and once the move has ended it only answers its status. A step that crashed is run again once its lease (a minute) has passed.
         */
        post: operations["stepSiteMove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sources/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Stripe source (never its secret), its last 20 events and the deliveries it refused */
        get: operations["getStripeSource"];
        /**
         * Read subscriptions from Stripe: set the webhook's signing secret, get the URL to give Stripe
         * @description In Stripe: Developers → Webhooks → Add endpoint, paste `url`, select `customer.subscription.created`, `customer.subscription.updated`, `customer.subscription.deleted` (and `invoice.paid`, `invoice.payment_failed`, `charge.refunded` for the payments beside MRR), then copy the signing secret here. `account` says what an account is: the Stripe customer (default) or `metadata.<key>` of the subscription, so MRR joins the accounts of scores and health.
         */
        put: operations["setStripeSource"];
        post?: never;
        /** Stop reading Stripe (the subscription history received so far stays for the MRR report) */
        delete: operations["deleteStripeSource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sources/stripe/{siteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's webhook: subscription changes, verified by their Stripe-Signature
         * @description Called by Stripe, not by you. The `Stripe-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the signing secret>`, several `v1` allowed) is checked with the `stripe` package over the raw body, in constant time; a signature older or newer than 5 minutes, or one that matches no `v1`, is a 400 and nothing is stored. Each event id is applied once (a retry or duplicate answers `duplicate: true`). `customer.subscription.*` events set the subscription's state from the event's `created` time, so out-of-order deliveries land where they happened; `invoice.paid`, `invoice.payment_failed` and `charge.refunded` are recorded as payments beside MRR (`payments` of each `/v1/mrr` period; they never move MRR), the account being that of the customer's subscriptions; other types are acknowledged and ignored. Limited per site, not per address (Stripe sends every account's events from the same few addresses).
         */
        post: operations["receiveStripeEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The site's surveys, and every survey id its answers carry
         * @description `answered` also lists ids asked ad hoc with `ask(kind, { survey })`, with their kind and answer count, most answered first.
         */
        get: operations["listSurveys"];
        put?: never;
        /**
         * Create a survey
         * @description Without `scale`, the kind's first scale (NPS 0–10, CSAT 1–5, CES 1–7). With `maxAnswers`, the answer that reaches it makes the survey `completed`, and `GET /v1/surveys/active` stops serving it; answers already under way are still stored.
         */
        post: operations["createSurvey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One survey */
        get: operations["getSurvey"];
        put?: never;
        post?: never;
        /** Delete a survey; its answers stay and keep counting in the scores */
        delete: operations["deleteSurvey"];
        options?: never;
        head?: never;
        /**
         * Change any fields of a survey
         * @description Kind and scale cannot change once the survey has answers (409): every answer keeps the scale it was given on. A survey made active (or given a lower `maxAnswers`) whose answers already reach its `maxAnswers` comes back `completed`.
         */
        patch: operations["updateSurvey"];
        trace?: never;
    };
    "/v1/surveys/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The surveys a page may show now, with their rules, and what the rules need to know of this user
         * @description Called by the widget with the public key. Texts are resolved for `locale`. Answers carry an ETag; a request whose If-None-Match matches gets a 304. Only the site's allowed origins may read the answer.
         */
        get: operations["getActiveSurveys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Themes in comments, each with the score of answers mentioning it against those that do not
         * @description Words and two-word phrases of the commented answers (Intl.Segmenter words, lowercased, without the stop words of the answer's language, merged by a light stemmer) that at least 5 comments mention, the 25 most mentioned, plus the site's `themes` setting. For each: n, the score of the answers mentioning it and of the commented answers that do not (NPS, CSAT % satisfied, CES mean, on the scale most commented answers use), the difference with its 95% interval, the two-sided p of the test GET /v1/scores?compare= uses, q = p corrected by Benjamini–Hochberg over the themes tested, significant when q < 0.05 and both sides have 30 answers; sorted by |difference × share|. Days are calendar days in `tz` (default: the site's `timeZone` setting); the window defaults to the last 90 days. docs/themes-digest.md gives the method.
         */
        get: operations["getThemes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ttv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time to value: conversion, percentiles, Kaplan–Meier median and curve, histogram, cohorts, NPS by bucket */
        get: operations["getTtv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase everything the site holds about a person (user id or anonymous id)
         * @description Answers, events, displays, milestones and profiles of the id, and of the anonymous ids the site lists in `anonymousId=` (links the site itself established); the rollups lose exactly their counts. One transaction. The answer says what was erased and which links seen in the data were not followed. Erasing an unknown id answers zeros.
         */
        delete: operations["eraseUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's webhook (without its secret) and its last deliveries (`limit`, default 20, at most 500) */
        get: operations["getWebhook"];
        /**
         * Send low answers (NPS 0–6, the worst two points of CSAT/CES), or every answer matching `send`, with their comment to a URL
         * @description `send` says which answers go: `{"answers":"low"}` (the default) or `{"answers":"every"}`, narrowed by `metric`, `band`, `survey`, `segment` ({by, value}: a trait, else a prop) and `hasComment`. Slack-compatible JSON (text + blocks, plus `heard` with the answer), signed: X-Heard-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. Omit `secret` to have one made; it is returned here. The URL must be https to a public address (a name is looked up, and looked up again before each delivery); redirects are never followed. Failed deliveries (network, 429, 5xx) are retried 4 times with backoff 1, 2, 4, 8 s.
         */
        put: operations["setWebhook"];
        post?: never;
        /** Stop sending alerts */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                code: string;
                message: string;
                issues?: {
                    path: string;
                    message: string;
                }[];
                rejected?: {
                    /** @enum {string} */
                    type: "answer" | "event" | "display";
                    index: number;
                    id?: string;
                    issues: {
                        path: string;
                        message: string;
                    }[];
                }[];
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the API reference */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the Worker answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: {
                            title: string;
                            version: string;
                            description?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description Operations by path and method */
                        paths: {
                            [key: string]: {
                                [key: string]: unknown;
                            };
                        };
                        components?: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    linkPageScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the script */
            200: {
                headers: {
                    /** @description public, max-age=3600 */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
        };
    };
    linkPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the survey page */
            200: {
                headers: {
                    /** @description no script; only its own style and form */
                    "Content-Security-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an HTML page: the link is not valid (altered, unknown, revoked, or its survey is gone) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an HTML page: the link has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    answerLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description the chosen score, on the survey's scale */
                    score: number;
                    /** @description the follow-up comment; empty is none */
                    comment?: string;
                    /**
                     * @description `email` when the page was opened from an email's score link
                     * @constant
                     */
                    via?: "email";
                };
            };
        };
        responses: {
            /** @description the thank-you page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an HTML page: the link is not valid (altered, unknown, revoked, or its survey is gone) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description an HTML page: the link has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                day: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the day’s items, one per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    answers?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        score: number;
                        scale: [
                            number,
                            number
                        ];
                        /** @enum {string} */
                        direction?: "higher-better" | "lower-better";
                        survey?: string;
                        comment?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        traits?: {
                            [key: string]: string | number | boolean;
                        };
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        url?: string;
                        locale?: string;
                        /**
                         * @description where the answer was given; default web
                         * @enum {string}
                         */
                        channel?: "web" | "link" | "email";
                        ts: number;
                    }[];
                    events?: {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        entity?: string;
                        value?: number;
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        ts: number;
                    }[];
                    displays?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        /** @enum {string} */
                        action: "shown" | "dismissed";
                        survey?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        ts: number;
                    }[];
                } | {
                    /** @description Segment's HTTP Tracking API batch: track and identify calls; messageId is the item id */
                    batch: ({
                        /** @enum {string} */
                        type: "track" | "identify";
                        messageId?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description how many items were stored, how many were already stored, and which were refused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        duplicates: number;
                        rejected: {
                            /** @enum {string} */
                            type: "answer" | "event" | "display";
                            index: number;
                            id?: string;
                            issues: {
                                path: string;
                                message: string;
                            }[];
                        }[];
                        /** @constant */
                        queued?: true;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    collect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    site: string;
                    /** @default [] */
                    answers?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        score: number;
                        scale: [
                            number,
                            number
                        ];
                        /** @enum {string} */
                        direction?: "higher-better" | "lower-better";
                        survey?: string;
                        comment?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        traits?: {
                            [key: string]: string | number | boolean;
                        };
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        url?: string;
                        locale?: string;
                        /**
                         * @description where the answer was given; default web
                         * @enum {string}
                         */
                        channel?: "web" | "link" | "email";
                        ts: number;
                    }[];
                    /** @default [] */
                    events?: {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        entity?: string;
                        value?: number;
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        ts: number;
                    }[];
                    /** @default [] */
                    displays?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        /** @enum {string} */
                        action: "shown" | "dismissed";
                        survey?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        ts: number;
                    }[];
                };
                "text/plain": {
                    site: string;
                    /** @default [] */
                    answers?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        score: number;
                        scale: [
                            number,
                            number
                        ];
                        /** @enum {string} */
                        direction?: "higher-better" | "lower-better";
                        survey?: string;
                        comment?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        traits?: {
                            [key: string]: string | number | boolean;
                        };
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        url?: string;
                        locale?: string;
                        /**
                         * @description where the answer was given; default web
                         * @enum {string}
                         */
                        channel?: "web" | "link" | "email";
                        ts: number;
                    }[];
                    /** @default [] */
                    events?: {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        entity?: string;
                        value?: number;
                        props?: {
                            [key: string]: string | number | boolean;
                        };
                        ts: number;
                    }[];
                    /** @default [] */
                    displays?: {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        /** @enum {string} */
                        action: "shown" | "dismissed";
                        survey?: string;
                        userId?: string;
                        anonymousId?: string;
                        userHash?: string;
                        ts: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description how many items were stored, how many were already stored, and which were refused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        duplicates: number;
                        rejected: {
                            /** @enum {string} */
                            type: "answer" | "event" | "display";
                            index: number;
                            id?: string;
                            issues: {
                                path: string;
                                message: string;
                            }[];
                        }[];
                        /** @constant */
                        queued?: true;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the request's Origin is not one of the site's allowed origins, or a preflight to a page route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listComments: {
        parameters: {
            query?: {
                metric?: "nps" | "csat" | "ces";
                survey?: string;
                from?: string;
                to?: string;
                min?: number;
                max?: number;
                band?: "low" | "middle" | "high";
                by?: string;
                value?: string;
                q?: string;
                limit?: number;
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of commented answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        comments: {
                            id: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            survey: string;
                            score: number;
                            scale: [
                                number,
                                number
                            ];
                            /** @enum {string} */
                            direction: "higher-better" | "lower-better";
                            comment: string;
                            userId: string | null;
                            traits: {
                                [key: string]: string | number | boolean;
                            };
                            ts: number;
                        }[];
                        next: string | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDigest: {
        parameters: {
            query?: {
                /** @description the last complete ISO week (Monday first) or day */
                period?: "week" | "day";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the digest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        period: "week" | "day";
                        /** @description the period, as `2026-W48` or `2026-11-30`: the idempotency key of the post */
                        key: string;
                        from: string;
                        to: string;
                        tz: string;
                        previous: {
                            from: string;
                            to: string;
                        };
                        /** @description each metric with answers in either period */
                        scores: {
                            /** @enum {string} */
                            metric: "nps" | "csat" | "ces";
                            current: {
                                n: number;
                                score: number | null;
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                lowSample: boolean;
                                breakdown: {
                                    [key: string]: number;
                                };
                                mean: number | null;
                            };
                            previous: {
                                n: number;
                                score: number | null;
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                lowSample: boolean;
                                breakdown: {
                                    [key: string]: number;
                                };
                                mean: number | null;
                            };
                            change: {
                                /** @enum {string} */
                                test: "nps-z" | "two-proportion-z" | "welch-z";
                                difference: number;
                                se: number | null;
                                z: number | null;
                                p: number | null;
                                significant: boolean;
                                reason?: string;
                            } | null;
                            responseRate: {
                                answered: number;
                                shown: number;
                                rate: number;
                            } | null;
                            /** @description the period's significant themes, with the share of comments that mentioned them the period before */
                            themes: {
                                /** @description the theme: its most used word or phrase, or the name the team gave it */
                                name: string;
                                /**
                                 * @description found in the comments, or defined in settings `themes`
                                 * @enum {string}
                                 */
                                source: "auto" | "team";
                                /** @description words or phrases merged into it (the keywords of a team theme) */
                                terms: string[];
                                /** @description commented answers mentioning it */
                                n: number;
                                /** @description n ÷ commented answers in the window */
                                share: number;
                                /** @description the score of the answers mentioning it */
                                with: {
                                    n: number;
                                    score: number | null;
                                    ci95: [
                                        number,
                                        number
                                    ] | null;
                                    lowSample: boolean;
                                    breakdown: {
                                        [key: string]: number;
                                    };
                                    mean: number | null;
                                };
                                /** @description the score of the commented answers that do not */
                                without: {
                                    n: number;
                                    score: number | null;
                                    ci95: [
                                        number,
                                        number
                                    ] | null;
                                    lowSample: boolean;
                                    breakdown: {
                                        [key: string]: number;
                                    };
                                    mean: number | null;
                                };
                                /** @description with − without in the metric's unit; null when a side is empty */
                                difference: number | null;
                                /** @description 95% interval of the difference; null when a side has no spread to estimate */
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                /** @description two-sided p-value of the difference (the tests of GET /v1/scores?compare=) */
                                p: number | null;
                                /** @description p corrected by Benjamini–Hochberg over every theme tested */
                                q: number | null;
                                /** @description q < 0.05 and both sides have at least 30 answers */
                                significant: boolean;
                                /** @description either side has fewer than 30 answers: never significant */
                                lowSample: boolean;
                                /** @description why it cannot be called significant whatever its size */
                                reason?: string;
                                /** @description difference × share: the points of the overall score it moves */
                                impact: number | null;
                                /** @description a few comments that mention it, newest first */
                                examples: {
                                    id: string;
                                    score: number;
                                    comment: string;
                                }[];
                                previousShare: number | null;
                            }[];
                            low: {
                                /** @description the period's low answers (detractors, low CSAT and CES) */
                                n: number;
                                oldestTs: number | null;
                                /** @description how long the oldest has waited, until the digest was made */
                                waitedHours: number | null;
                            };
                        }[];
                        atRisk: {
                            /** @description accounts at risk now (GET /v1/health) */
                            total: number;
                            newly: {
                                account: string;
                                score: number | null;
                            }[];
                            /** @description the period whose at-risk list this is compared with; null: none recorded */
                            since: string | null;
                        };
                        /** @description nothing happened: no answers, no low answers, no account newly at risk (no post is sent) */
                        quiet: boolean;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDurations: {
        parameters: {
            query?: {
                start?: string;
                end?: string;
                from?: string;
                to?: string;
                by?: string;
                /** @description true: compute from every subject (O(users)); false: from the rollup (O(days × bins), durations within 1 %); omitted: exact under 2,000 subjects */
                exact?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the resolution-time report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The event that opens an entity (e.g. ticket_opened) */
                        start: string;
                        /** @description The event that closes it (e.g. ticket_resolved) */
                        end: string;
                        /**
                         * Format: date-time
                         * @description Start of the window of start events, an ISO 8601 UTC time
                         */
                        from: string;
                        /**
                         * Format: date-time
                         * @description End of the window, an ISO 8601 UTC time
                         */
                        to: string;
                        /** @description The prop or trait the segments are by; null when not asked */
                        by: string | null;
                        /** @description true when computed from every subject; false when from the rollup: counts exact, durations within 1 %, curve steps one per bin */
                        exact: boolean;
                        /** @description How many durations the figures are computed from */
                        n: number;
                        /** @description Mean; null when n is 0, in milliseconds */
                        mean: number | null;
                        /** @description Median; null when n is 0, in milliseconds */
                        p50: number | null;
                        /** @description 75th percentile; null when n is 0, in milliseconds */
                        p75: number | null;
                        /** @description 90th percentile; null when n is 0, in milliseconds */
                        p90: number | null;
                        /** @description Entities started and not yet ended: the open backlog */
                        open: number;
                        /** @description Median age of the open backlog at the end of the window, in milliseconds */
                        openAgeP50: number | null;
                        /** @description Present with `by`: the same figures per value, largest first */
                        segments?: {
                            /** @description The value of the `by` trait or prop; null for subjects without it */
                            value: string | null;
                            /** @description How many durations the figures are computed from */
                            n: number;
                            /** @description Mean; null when n is 0, in milliseconds */
                            mean: number | null;
                            /** @description Median; null when n is 0, in milliseconds */
                            p50: number | null;
                            /** @description 75th percentile; null when n is 0, in milliseconds */
                            p75: number | null;
                            /** @description 90th percentile; null when n is 0, in milliseconds */
                            p90: number | null;
                            /** @description Entities started and not yet ended: the open backlog */
                            open: number;
                            /** @description Median age of the open backlog at the end of the window, in milliseconds */
                            openAgeP50: number | null;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEventsDaily: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                /** @description only this event name */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description events per day and per name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description first UTC day */
                        from: string;
                        /** @description last UTC day */
                        to: string;
                        /** @description events in the range */
                        total: number;
                        /** @description every day of the range, oldest first, with the events of that day (0 when none) */
                        days: {
                            day: string;
                            n: number;
                        }[];
                        /** @description each event name seen in the range, most frequent first */
                        names: {
                            name: string;
                            n: number;
                            /** @description whether events of this name are stored raw under the settings now */
                            stored: boolean;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportAnswers: {
        parameters: {
            query?: {
                format?: "csv" | "ndjson";
                metric?: "nps" | "csat" | "ces";
                survey?: string;
                from?: string;
                to?: string;
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answers, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: {
                limit?: number;
                /** @description true: read every user's profile, latest answers and first occurrences (O(users)); false or omitted: the per-account rollup (O(accounts)); both give the same figures */
                exact?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description accounts by health, and the at-risk list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The site's weight of each part */
                        weights: {
                            nps: number;
                            csat: number;
                            ces: number;
                            recency: number;
                            ttv: number;
                            tickets: number;
                        };
                        /** @description Accounts scoring under this are at risk */
                        threshold: number;
                        /** @description Accounts scored (the lists hold at most `limit`) */
                        total: number;
                        /** @description Open tickets of the site */
                        openTickets: number;
                        /** @description Worst first (ties: the longest idle, then by account); accounts without a score last */
                        accounts: {
                            /** @description The account trait's value, else the user id */
                            account: string;
                            /** @description Weighted mean of the known parts (0–100); null when none is known */
                            score: number | null;
                            /** @description The last activity of any of the account's users (epoch ms); null when none */
                            lastActive: number | null;
                            parts: {
                                /** @description Latest NPS answer on its scale */
                                nps: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description Latest CSAT answer on its scale */
                                csat: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description Latest CES answer on its scale, flipped for lower-is-better scales */
                                ces: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 at activity now, falling linearly to 0 at the inactivity days */
                                recency: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 when any user reached value, 0 when none did */
                                ttv: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 − 25 per open ticket, at least 0 */
                                tickets: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                            };
                        }[];
                        /** @description Accounts under the threshold, worst first */
                        atRisk: {
                            /** @description The account trait's value, else the user id */
                            account: string;
                            /** @description Weighted mean of the known parts (0–100); null when none is known */
                            score: number | null;
                            /** @description The last activity of any of the account's users (epoch ms); null when none */
                            lastActive: number | null;
                            parts: {
                                /** @description Latest NPS answer on its scale */
                                nps: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description Latest CSAT answer on its scale */
                                csat: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description Latest CES answer on its scale, flipped for lower-is-better scales */
                                ces: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 at activity now, falling linearly to 0 at the inactivity days */
                                recency: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 when any user reached value, 0 when none did */
                                ttv: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                                /** @description 100 − 25 per open ticket, at least 0 */
                                tickets: {
                                    /** @description The part on a 0–100 scale (100 is best); null when unknown */
                                    value: number | null;
                                    /** @description Its weight; unknown parts are left out and the rest renormalised */
                                    weight: number;
                                };
                            };
                        }[];
                        /** @description MRR from Stripe (/v1/sources/stripe) as each account’s weight; absent without subscription history */
                        mrr?: {
                            /** @description The currency most accounts bill in (ISO 4217, lowercase, as Stripe writes it) */
                            currency: string;
                            /** @description MRR of every paying account now, in the major unit */
                            total: number;
                            /** @description MRR of every account under the at-risk threshold */
                            atRisk: number;
                            /** @description Paying accounts under the threshold */
                            atRiskAccounts: number;
                            /** @description MRR now of each listed account that pays */
                            byAccount: {
                                [key: string]: number;
                            };
                        };
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueIdentitySecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new identity secret, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ids_…: sign user ids with it (userHash); shown once, stored sealed */
                        identitySecret: string;
                        createdAt: number;
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the collector is not configured for this (a Worker secret is missing); nothing a client sends causes it */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every key, and which one this request used */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /** @description The first 16 hex digits of the SHA-256 of the key: names it, never reveals it */
                            id: string;
                            /** @description When the key was issued, epoch milliseconds (UTC) */
                            createdAt: number;
                            /** @description When it was revoked; null while active */
                            revokedAt: number | null;
                            /** @description Whether this is the key the request was sent with */
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The first 16 hex digits of the SHA-256 of the key: names it, never reveals it */
                        id: string;
                        /**
                         * Format: starts_with
                         * @description The new key; it is shown only here
                         */
                        secretKey: string;
                        /** @description When the key was issued, epoch milliseconds (UTC) */
                        createdAt: number;
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the key is revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The first 16 hex digits of the SHA-256 of the key: names it, never reveals it */
                        id: string;
                        /** @constant */
                        revoked: true;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the change conflicts with what is stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description one of the site's surveys */
                    survey: string;
                    /** @description who the link is for; their answer carries this userId */
                    userId: string;
                    /** @description stored with the answer, e.g. `{ "entity": "ticket-42" }` */
                    props?: {
                        [key: string]: string | number | boolean;
                    };
                    /**
                     * @description days until the link stops working (default 30)
                     * @default 30
                     */
                    expiresInDays?: number;
                    /** @description the recipient's language; default the survey's first locale */
                    locale?: string;
                };
            };
        };
        responses: {
            /** @description the links and the email snippet */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the personal link: its page asks the question */
                        url: string;
                        /** @description one link per score, for an email: it opens the page with that score chosen */
                        scores: {
                            [key: string]: string;
                        };
                        /** @description an email-safe snippet: the question and one link per score, table layout, inline styles */
                        html: string;
                        /** @description when the links stop working, epoch ms */
                        expiresAt: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateLinkKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description also stop every link signed with an earlier key (a key that leaked); by default they work until they expire
                     * @default false
                     */
                    revokePrevious?: boolean;
                };
            };
        };
        responses: {
            /** @description the new key version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        createdAt: number;
                        revokedPrevious: boolean;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMrr: {
        parameters: {
            query?: {
                interval?: "month" | "week";
                from?: string;
                to?: string;
                /** @description The one currency reported; default: the currency most of the site's accounts bill in */
                currency?: string;
                /** @description How many entries of the churned-MRR list to give, most MRR lost first (`churned.total` counts all) */
                churnedLimit?: number;
                /** @description A trait of the account (e.g. `plan`, `country`): the same periods per value of it, in `segments`. An account's value is the trait of its most recently active user who has it, now */
                by?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the MRR report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The trait the segments are by; null when not asked */
                        by: string | null;
                        /** @description Present with `by`: the periods per segment, most accounts first; each account is in one segment, so the segments sum to the whole */
                        segments?: {
                            /** @description The value of the `by` trait; null for accounts without it; `(other)` folds the rest past the top 10 */
                            value: string | null;
                            /** @description Accounts of the segment with a subscription in the report currency */
                            accounts: number;
                            periods: {
                                /** @description First day of the calendar month or ISO week */
                                period: string;
                                start: number;
                                new: number;
                                expansion: number;
                                contraction: number;
                                churned: number;
                                reactivation: number;
                                end: number;
                                /** @description end − start */
                                net: number;
                                customers: {
                                    start: number;
                                    end: number;
                                };
                                /** @description accounts churned ÷ paying accounts at the start */
                                logoChurnRate: number | null;
                                /** @description (churned + contraction) ÷ start MRR */
                                revenueChurnRate: number | null;
                                /** @description (start + expansion − contraction − churned) ÷ start */
                                nrr: number | null;
                                /** @description (start − contraction − churned) ÷ start */
                                grr: number | null;
                                /** @description end MRR ÷ paying accounts at the end */
                                arpa: number | null;
                            }[];
                        }[];
                        /** @description The currency reported, null when the site has no subscriptions */
                        currency: string | null;
                        /** @enum {string} */
                        interval: "month" | "week";
                        from: string;
                        to: string;
                        periods: {
                            /** @description First day of the calendar month or ISO week */
                            period: string;
                            start: number;
                            new: number;
                            expansion: number;
                            contraction: number;
                            churned: number;
                            reactivation: number;
                            end: number;
                            /** @description end − start */
                            net: number;
                            customers: {
                                start: number;
                                end: number;
                            };
                            /** @description accounts churned ÷ paying accounts at the start */
                            logoChurnRate: number | null;
                            /** @description (churned + contraction) ÷ start MRR */
                            revenueChurnRate: number | null;
                            /** @description (start + expansion − contraction − churned) ÷ start */
                            nrr: number | null;
                            /** @description (start − contraction − churned) ÷ start */
                            grr: number | null;
                            /** @description end MRR ÷ paying accounts at the end */
                            arpa: number | null;
                            /** @description Each account's one movement in the period, largest first */
                            movements: {
                                account: string;
                                /** @enum {string} */
                                kind: "new" | "expansion" | "contraction" | "churned" | "reactivation";
                                amount: number;
                            }[];
                            /** @description Money that moved, beside MRR (none of it moves MRR), in the same currency */
                            payments: {
                                /** @description invoices paid (`invoice.paid`, amount paid) */
                                collected: number;
                                /** @description payment attempts that failed (`invoice.payment_failed`, amount due), each attempt */
                                failed: number;
                                /** @description charges refunded (`charge.refunded`, the newly refunded amount) */
                                refunded: number;
                                /** @description accounts with a failed payment in the period */
                                failedAccounts: number;
                            };
                        }[];
                        /** @description Customer lifetime value from MRR */
                        clv: {
                            arpa: number | null;
                            /** @description Σ (churned + contraction) ÷ Σ start MRR over the periods, per month */
                            monthlyRevenueChurn: number | null;
                            /** @description ARPA ÷ monthly revenue churn: the MRR-based CLV, beside /v1/revenue’s purchase-based one */
                            value: number | null;
                            /** @description Why value is null, when it is */
                            reason: string | null;
                        };
                        /** @description Every currency the site bills in, with its accounts: never converted or summed */
                        currencies: {
                            currency: string;
                            accounts: number;
                        }[];
                        /** @description MRR at risk now: the paying accounts under the health threshold, whatever the window */
                        atRisk: {
                            /** @description The health score under which an account is at risk (settings.health.atRisk) */
                            threshold: number;
                            /** @description At-risk accounts (as /v1/health lists them) that pay now */
                            accounts: number;
                            /** @description Their MRR now, in the report currency */
                            mrr: number;
                        };
                        /** @description NPS by MRR band, now: every account Heard or Stripe knows, in the band of its MRR now (report currency; accounts billed only in other currencies left out), with its latest NPS answer (the one /v1/health reads). Bands: no MRR, < 100, 100 – 1,000, ≥ 1,000 in the major unit; an edge belongs to the band above it */
                        npsByMrrBand: {
                            /**
                             * @description The band’s name
                             * @enum {string}
                             */
                            band: "none" | "under100" | "100to1000" | "1000plus";
                            /** @description The band as the dashboard writes it */
                            label: string;
                            /** @description Lower edge of MRR, inclusive (`none`: exactly 0; `under100`: above 0) */
                            min: number;
                            /** @description Upper edge of MRR, exclusive; null for the top band */
                            below: number | null;
                            /** @description Accounts in the band, answered or not */
                            accounts: number;
                            /** @description Accounts in the band with an NPS answer: one answer (their latest) each */
                            n: number;
                            /** @description NPS −100…100 of those answers; null when n is 0 */
                            score: number | null;
                            /** @description 95% interval of the NPS, as /v1/scores gives it */
                            ci95: [
                                number,
                                number
                            ] | null;
                            marginOfError: number | null;
                            breakdown: {
                                promoters: number;
                                passives: number;
                                detractors: number;
                            };
                        }[];
                        /** @description The churned-MRR list: each account that churned or contracted in a period of the window, with its last NPS, CSAT and comment */
                        churned: {
                            /** @description Churned and contraction movements in the window, listed or not */
                            total: number;
                            /** @description MRR they lost, all of them */
                            lost: number;
                            /** @description The first `churnedLimit`, most MRR lost first, then the later period */
                            accounts: {
                                account: string;
                                /** @description The period it churned or contracted in (first day) */
                                period: string;
                                /** @enum {string} */
                                kind: "churned" | "contraction";
                                /** @description MRR lost in that period, major unit */
                                lost: number;
                                /** @description The account's latest NPS answer (any of its users; the one /v1/health reads), or null */
                                nps: {
                                    score: number;
                                    scale: [
                                        number,
                                        number
                                    ];
                                    /** @description When it was given, epoch ms */
                                    at: number;
                                } | null;
                                /** @description The account's latest CSAT answer, or null */
                                csat: {
                                    score: number;
                                    scale: [
                                        number,
                                        number
                                    ];
                                    /** @description When it was given, epoch ms */
                                    at: number;
                                } | null;
                                /** @description The account's latest answer with a comment (any kind), or null */
                                comment: {
                                    text: string;
                                    /** @enum {string} */
                                    kind: "nps" | "csat" | "ces";
                                    score: number;
                                    at: number;
                                } | null;
                            }[];
                        };
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listResponses: {
        parameters: {
            query?: {
                /** @description open (nobody has handled it) → contacted (someone reached out) → closed */
                status?: "open" | "contacted" | "closed";
                metric?: "nps" | "csat" | "ces";
                /** @description A band on each answer's own scale and direction (low = detractors, …) */
                band?: "low" | "middle" | "high";
                survey?: string;
                /** @description Only responses that carry this tag */
                tag?: string;
                /** @description Only responses assigned to this person */
                assignee?: string;
                /** @description A segment: a trait or prop name, matched with `value` */
                by?: string;
                value?: string;
                /** @description Text the comment must contain, case-insensitively */
                q?: string;
                limit?: number;
                /** @description The `next` of the previous page (opaque) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of responses */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        responses: {
                            answerId: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            survey: string | null;
                            score: number;
                            scale: [
                                number,
                                number
                            ];
                            /** @enum {string} */
                            direction: "higher-better" | "lower-better";
                            /** @enum {string} */
                            band: "low" | "middle" | "high";
                            comment: string | null;
                            userId: string | null;
                            anonymousId: string | null;
                            /** @description The user's account trait (site settings), else the user id */
                            account: string | null;
                            traits: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description When the answer was given */
                            ts: number;
                            /** @description When Heard received it: the close-the-loop clock starts here */
                            receivedAt: number;
                            /**
                             * @description open (nobody has handled it) → contacted (someone reached out) → closed
                             * @enum {string}
                             */
                            status: "open" | "contacted" | "closed";
                            assignee: string | null;
                            tags: string[];
                            /** @description When it first left open (contacted or closed) */
                            contactedAt: number | null;
                            /** @description When it was last closed; null unless closed */
                            closedAt: number | null;
                            /** @description When the team last changed it; null if never */
                            updatedAt: number | null;
                            /** @description Oldest first */
                            notes: {
                                text: string;
                                /** @description Who wrote it: `author` of the PATCH, else the assignee then, else null */
                                author: string | null;
                                /** @description When, epoch ms */
                                at: number;
                            }[];
                            /** @description The same person's answers before this one, newest first (at most 5) */
                            earlier: {
                                answerId: string;
                                /** @enum {string} */
                                kind: "nps" | "csat" | "ces";
                                score: number;
                                scale: [
                                    number,
                                    number
                                ];
                                /** @enum {string} */
                                direction: "higher-better" | "lower-better";
                                /** @enum {string} */
                                band: "low" | "middle" | "high";
                                comment: string | null;
                                ts: number;
                            }[];
                        }[];
                        next: string | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateResponse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                answerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description open (nobody has handled it) → contacted (someone reached out) → closed
                     * @enum {string}
                     */
                    status?: "open" | "contacted" | "closed";
                    /** @description null unassigns */
                    assignee?: string | null;
                    /** @description The whole new set of tags */
                    tags?: string[];
                    /** @description A note to add to the history */
                    note?: string;
                    /** @description Who writes the note (default: the assignee) */
                    author?: string;
                };
            };
        };
        responses: {
            /** @description the response after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answerId: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        survey: string | null;
                        score: number;
                        scale: [
                            number,
                            number
                        ];
                        /** @enum {string} */
                        direction: "higher-better" | "lower-better";
                        /** @enum {string} */
                        band: "low" | "middle" | "high";
                        comment: string | null;
                        userId: string | null;
                        anonymousId: string | null;
                        /** @description The user's account trait (site settings), else the user id */
                        account: string | null;
                        traits: {
                            [key: string]: string | number | boolean;
                        };
                        /** @description When the answer was given */
                        ts: number;
                        /** @description When Heard received it: the close-the-loop clock starts here */
                        receivedAt: number;
                        /**
                         * @description open (nobody has handled it) → contacted (someone reached out) → closed
                         * @enum {string}
                         */
                        status: "open" | "contacted" | "closed";
                        assignee: string | null;
                        tags: string[];
                        /** @description When it first left open (contacted or closed) */
                        contactedAt: number | null;
                        /** @description When it was last closed; null unless closed */
                        closedAt: number | null;
                        /** @description When the team last changed it; null if never */
                        updatedAt: number | null;
                        /** @description Oldest first */
                        notes: {
                            text: string;
                            /** @description Who wrote it: `author` of the PATCH, else the assignee then, else null */
                            author: string | null;
                            /** @description When, epoch ms */
                            at: number;
                        }[];
                        /** @description The same person's answers before this one, newest first (at most 5) */
                        earlier: {
                            answerId: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            score: number;
                            scale: [
                                number,
                                number
                            ];
                            /** @enum {string} */
                            direction: "higher-better" | "lower-better";
                            /** @enum {string} */
                            band: "low" | "middle" | "high";
                            comment: string | null;
                            ts: number;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getResponsesSummary: {
        parameters: {
            query?: {
                interval?: "day" | "week" | "month";
                /** @description First day (default: 12 weeks before to) */
                from?: string;
                /** @description Last day, inclusive (default: today) */
                to?: string;
                metric?: "nps" | "csat" | "ces";
                survey?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the figures of the range and of each period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        interval: "day" | "week" | "month";
                        from: string;
                        to: string;
                        /**
                         * @description The target: first contact within 48 h
                         * @constant
                         */
                        withinMs: 172800000;
                        /** @description The whole range */
                        total: {
                            /** @description Low answers received */
                            low: number;
                            /** @description Of those, contacted at any time */
                            contacted: number;
                            /** @description Low answers whose 48 h are over, or that were contacted */
                            due: number;
                            /** @description Contacted at most 48 h after they were received */
                            withinTarget: number;
                            /** @description Uncontacted and still inside their 48 h */
                            waiting: number;
                            /** @description withinTarget ÷ due; null when nothing is due */
                            share: number | null;
                            /** @description Median time from receipt to first contact, ms */
                            medianMsToContact: number | null;
                        };
                        periods: {
                            label: string;
                            from: string;
                            to: string;
                            /** @description Low answers received */
                            low: number;
                            /** @description Of those, contacted at any time */
                            contacted: number;
                            /** @description Low answers whose 48 h are over, or that were contacted */
                            due: number;
                            /** @description Contacted at most 48 h after they were received */
                            withinTarget: number;
                            /** @description Uncontacted and still inside their 48 h */
                            waiting: number;
                            /** @description withinTarget ÷ due; null when nothing is due */
                            share: number | null;
                            /** @description Median time from receipt to first contact, ms */
                            medianMsToContact: number | null;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRetention: {
        parameters: {
            query?: {
                interval?: "month" | "week";
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the churn and retention report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The event that marks a customer lost at once */
                        churnEvent: string;
                        /** @description Days without activity after which a customer counts as lost */
                        inactivityDays: number;
                        /** @enum {string} */
                        interval: "month" | "week";
                        periods: {
                            /**
                             * Format: date
                             * @description First day of the period, an ISO date (UTC)
                             */
                            period: string;
                            /** @description Customers at the start of the period */
                            start: number;
                            /** @description Customers first active in the period */
                            new: number;
                            /** @description Customers lost in the period */
                            lost: number;
                            /** @description Customers at the end: start + new − lost */
                            end: number;
                            /** @description lost ÷ start (lost includes customers new in the period, so it can pass 1); null when the period starts with no customers, as a fraction (0.25 = 25 %) */
                            churnRate: number | null;
                            /** @description (end − new) ÷ start (below 0 when more are lost than were there at the start); null when the period starts with no customers, as a fraction (0.25 = 25 %) */
                            retention: number | null;
                        }[];
                        cohorts: {
                            /**
                             * Format: date
                             * @description First day of the period the cohort was first active in, an ISO date (UTC)
                             */
                            cohort: string;
                            size: number;
                            /** @description retained[k]: share still customers at the end of the k-th period after the cohort began */
                            retained: number[];
                        }[];
                        /** @description Σ lost ÷ Σ start over all periods: the pooled churn rate per period, as a fraction (0.25 = 25 %) */
                        churnRate: number | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRevenue: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the revenue report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The event that carries revenue in its `value` */
                        event: string;
                        /**
                         * Format: date-time
                         * @description Start of the window, an ISO 8601 UTC time
                         */
                        from: string;
                        /**
                         * Format: date-time
                         * @description End of the window (exclusive), an ISO 8601 UTC time
                         */
                        to: string;
                        /** @description Sum of `kind: new` events, in the unit the revenue events carry */
                        newRevenue: number;
                        /** @description Sum of `kind: expansion` events, in the unit the revenue events carry */
                        expansion: number;
                        /** @description Sum of `kind: contraction` events, as a positive amount, in the unit the revenue events carry */
                        contraction: number;
                        /** @description new + expansion + other purchases − contraction, in the unit the revenue events carry */
                        net: number;
                        /** @description Accounts with a revenue event in the window */
                        payingAccounts: number;
                        /** @description Average revenue per account: net ÷ paying accounts; null without any, in the unit the revenue events carry */
                        arpa: number | null;
                        /** @description Net revenue retention as a ratio (1.1 = 110 %): what the previous window’s paying accounts brought in this window ÷ what they brought then; null when they brought nothing */
                        nrr: number | null;
                        /** @description Customer lifetime value and the three figures it is the product of */
                        clv: {
                            /** @description Mean value of purchases (new, expansion and untyped events), in the unit the revenue events carry */
                            averagePurchase: number | null;
                            /** @description Purchases per paying account per year */
                            purchasesPerYear: number | null;
                            /** @description 1 ÷ (12 × monthly churn rate), in years; null when churn is 0 or unknown */
                            lifespanYears: number | null;
                            /** @description averagePurchase × purchasesPerYear × lifespanYears; null when any is unknown, in the unit the revenue events carry */
                            value: number | null;
                        };
                        /** @description The monthly churn rate over the window that CLV’s lifespan comes from, as a fraction (0.25 = 25 %) */
                        monthlyChurn: number | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getScores: {
        parameters: {
            query: {
                metric: "nps" | "csat" | "ces";
                survey?: string;
                from?: string;
                to?: string;
                interval?: "day" | "week" | "month";
                tz?: string;
                /** @description a trait or prop to split by; `channel` splits by where the answers were given (web, link, email) */
                by?: string;
                top?: number;
                compare?: "previous";
                /** @description where the answer was given; default web */
                channel?: "web" | "link" | "email";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the score report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        metric: "nps" | "csat" | "ces";
                        from: string | null;
                        to: string | null;
                        tz: string;
                        n: number;
                        score: number | null;
                        ci95: [
                            number,
                            number
                        ] | null;
                        lowSample: boolean;
                        breakdown: {
                            [key: string]: number;
                        };
                        mean: number | null;
                        scale: [
                            number,
                            number
                        ] | null;
                        direction: ("higher-better" | "lower-better") | null;
                        distribution: {
                            [key: string]: number;
                        };
                        scales: {
                            n: number;
                            score: number | null;
                            ci95: [
                                number,
                                number
                            ] | null;
                            lowSample: boolean;
                            breakdown: {
                                [key: string]: number;
                            };
                            mean: number | null;
                            scale: [
                                number,
                                number
                            ];
                            /** @enum {string} */
                            direction: "higher-better" | "lower-better";
                            distribution: {
                                [key: string]: number;
                            };
                        }[];
                        responseRate: {
                            answered: number;
                            shown: number;
                            rate: number;
                        } | null;
                        /** @enum {string} */
                        interval?: "day" | "week" | "month";
                        series?: {
                            n: number;
                            score: number | null;
                            ci95: [
                                number,
                                number
                            ] | null;
                            lowSample: boolean;
                            breakdown: {
                                [key: string]: number;
                            };
                            mean: number | null;
                            label: string;
                            from: string;
                            to: string;
                        }[];
                        by?: string;
                        segments?: {
                            n: number;
                            score: number | null;
                            ci95: [
                                number,
                                number
                            ] | null;
                            lowSample: boolean;
                            breakdown: {
                                [key: string]: number;
                            };
                            mean: number | null;
                            value: string;
                            /** @description Present with by=channel: the channel's answers (every scale) over the people asked there: prompts shown for web, links made for link and email; null when none was */
                            responseRate?: {
                                answered: number;
                                shown: number;
                                rate: number;
                            } | null;
                        }[];
                        comparison?: {
                            previous: {
                                /** @enum {string} */
                                metric: "nps" | "csat" | "ces";
                                from: string | null;
                                to: string | null;
                                tz: string;
                                n: number;
                                score: number | null;
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                lowSample: boolean;
                                breakdown: {
                                    [key: string]: number;
                                };
                                mean: number | null;
                                scale: [
                                    number,
                                    number
                                ] | null;
                                direction: ("higher-better" | "lower-better") | null;
                                distribution: {
                                    [key: string]: number;
                                };
                                scales: {
                                    n: number;
                                    score: number | null;
                                    ci95: [
                                        number,
                                        number
                                    ] | null;
                                    lowSample: boolean;
                                    breakdown: {
                                        [key: string]: number;
                                    };
                                    mean: number | null;
                                    scale: [
                                        number,
                                        number
                                    ];
                                    /** @enum {string} */
                                    direction: "higher-better" | "lower-better";
                                    distribution: {
                                        [key: string]: number;
                                    };
                                }[];
                                responseRate: {
                                    answered: number;
                                    shown: number;
                                    rate: number;
                                } | null;
                                /** @enum {string} */
                                interval?: "day" | "week" | "month";
                                series?: {
                                    n: number;
                                    score: number | null;
                                    ci95: [
                                        number,
                                        number
                                    ] | null;
                                    lowSample: boolean;
                                    breakdown: {
                                        [key: string]: number;
                                    };
                                    mean: number | null;
                                    label: string;
                                    from: string;
                                    to: string;
                                }[];
                                by?: string;
                                segments?: {
                                    n: number;
                                    score: number | null;
                                    ci95: [
                                        number,
                                        number
                                    ] | null;
                                    lowSample: boolean;
                                    breakdown: {
                                        [key: string]: number;
                                    };
                                    mean: number | null;
                                    value: string;
                                    /** @description Present with by=channel: the channel's answers (every scale) over the people asked there: prompts shown for web, links made for link and email; null when none was */
                                    responseRate?: {
                                        answered: number;
                                        shown: number;
                                        rate: number;
                                    } | null;
                                }[];
                            };
                            significance: {
                                /** @enum {string} */
                                test: "nps-z" | "two-proportion-z" | "welch-z";
                                difference: number;
                                se: number | null;
                                z: number | null;
                                p: number | null;
                                significant: boolean;
                                reason?: string;
                            } | null;
                        };
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every setting, defaults filled in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ttv: {
                            start: string;
                            value: string;
                        };
                        resolution: {
                            start: string;
                            end: string;
                        };
                        churn: {
                            event: string;
                            inactivityDays: number;
                        };
                        revenue: {
                            event: string;
                        };
                        account: {
                            trait: string;
                        };
                        health: {
                            weights: {
                                nps: number;
                                csat: number;
                                ces: number;
                                recency: number;
                                ttv: number;
                                tickets: number;
                            };
                            atRisk: number;
                        };
                        retentionDays: number | null;
                        surveys: {
                            cooldownDays: number;
                            followUp: boolean;
                        };
                        segments: string[];
                        trustedEvents: string[];
                        identity: {
                            required: boolean;
                        };
                        themes: {
                            /** @description what the team calls the theme */
                            name: string;
                            /** @description words or phrases; any one of them marks a comment as mentioning the theme */
                            keywords: string[];
                        }[];
                        timeZone: string;
                        digest: {
                            /** @enum {string} */
                            period: "week" | "day" | "off";
                            /** @enum {string} */
                            changeAlerts: "day" | "week" | "off";
                        };
                        events: {
                            /**
                             * @description `metrics`: store raw only the events a metric or setting reads; `all`: every event
                             * @enum {string}
                             */
                            store: "metrics" | "all";
                        };
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ttv?: {
                        start?: string;
                        value?: string;
                    };
                    resolution?: {
                        start?: string;
                        end?: string;
                    };
                    churn?: {
                        event?: string;
                        inactivityDays?: number;
                    };
                    revenue?: {
                        event?: string;
                    };
                    account?: {
                        trait?: string;
                    };
                    health?: {
                        weights?: {
                            nps?: number;
                            csat?: number;
                            ces?: number;
                            recency?: number;
                            ttv?: number;
                            tickets?: number;
                        };
                        atRisk?: number;
                    };
                    retentionDays?: number | null;
                    surveys?: {
                        cooldownDays?: number;
                        followUp?: boolean;
                    };
                    segments?: string[];
                    trustedEvents?: string[];
                    identity?: {
                        required?: boolean;
                    };
                    themes?: {
                        /** @description what the team calls the theme */
                        name: string;
                        /** @description words or phrases; any one of them marks a comment as mentioning the theme */
                        keywords: string[];
                    }[];
                    timeZone?: string;
                    digest?: {
                        /** @enum {string} */
                        period?: "week" | "day" | "off";
                        /** @enum {string} */
                        changeAlerts?: "day" | "week" | "off";
                    };
                    events?: {
                        /**
                         * @description `metrics`: store raw only the events a metric or setting reads; `all`: every event
                         * @enum {string}
                         */
                        store?: "metrics" | "all";
                    };
                };
            };
        };
        responses: {
            /** @description every setting after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ttv: {
                            start: string;
                            value: string;
                        };
                        resolution: {
                            start: string;
                            end: string;
                        };
                        churn: {
                            event: string;
                            inactivityDays: number;
                        };
                        revenue: {
                            event: string;
                        };
                        account: {
                            trait: string;
                        };
                        health: {
                            weights: {
                                nps: number;
                                csat: number;
                                ces: number;
                                recency: number;
                                ttv: number;
                                tickets: number;
                            };
                            atRisk: number;
                        };
                        retentionDays: number | null;
                        surveys: {
                            cooldownDays: number;
                            followUp: boolean;
                        };
                        segments: string[];
                        trustedEvents: string[];
                        identity: {
                            required: boolean;
                        };
                        themes: {
                            /** @description what the team calls the theme */
                            name: string;
                            /** @description words or phrases; any one of them marks a comment as mentioning the theme */
                            keywords: string[];
                        }[];
                        timeZone: string;
                        digest: {
                            /** @enum {string} */
                            period: "week" | "day" | "off";
                            /** @enum {string} */
                            changeAlerts: "day" | "week" | "off";
                        };
                        events: {
                            /**
                             * @description `metrics`: store raw only the events a metric or setting reads; `all`: every event
                             * @enum {string}
                             */
                            store: "metrics" | "all";
                        };
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default [] */
                    origins?: string[];
                };
            };
        };
        responses: {
            /** @description the site, its public key and its first secret key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        origins: string[];
                        publicKey: string;
                        secretKey: string;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSiteMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the move */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: string;
                        /** @description the binding the site was in */
                        from: string;
                        /** @description the binding it is moving to */
                        to: string;
                        /**
                         * @description `clear`: rows an earlier try left in the target go; `copy`: tables are copied in key order; `verify`: each table's rows and totals are checked; `replay`: switched, writes parked during the copy go into the new database; `delete`: the old rows go; `done`. After a failed check: `rollback` (the copy goes), `unpark` (parked writes go back to the old database), `failed`
                         * @enum {string}
                         */
                        phase: "clear" | "copy" | "verify" | "replay" | "delete" | "done" | "rollback" | "unpark" | "failed";
                        /** @description the table the phase is at (null between phases and at the end) */
                        table: string | null;
                        rowsPerStep: number;
                        /** @description steps run so far */
                        steps: number;
                        /** @description rows copied so far, over every table */
                        copied: number;
                        /** @description the tables checked so far */
                        tables: {
                            /** @description the table */
                            table: string;
                            /** @description rows copied to the new database (before writes made during the move) */
                            copied: number;
                            /** @description the site’s rows in the old database, checked equal in the new one */
                            rows: number;
                            /** @description for rollups and counts: the total of their count column, checked equal */
                            sum?: number;
                        }[];
                        replayed: number;
                        deleted: number;
                        /** @description a step holds the move now */
                        running: boolean;
                        startedAt: number;
                        updatedAt: number;
                        finishedAt: number | null;
                        /** @description why the move failed, or the last step error it is retrying after */
                        message: string | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    moveSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the D1 binding to move the site to, as wrangler.jsonc names it (e.g. `DB_2`) */
                    database: string;
                };
            };
        };
        responses: {
            /** @description rows copied and checked per table */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: string;
                        /** @description the binding the site was in */
                        from: string;
                        /** @description the binding it is in now */
                        to: string;
                        tables: {
                            /** @description the table */
                            table: string;
                            /** @description rows copied to the new database (before writes made during the move) */
                            copied: number;
                            /** @description the site’s rows in the old database, checked equal in the new one */
                            rows: number;
                            /** @description for rollups and counts: the total of their count column, checked equal */
                            sum?: number;
                        }[];
                        /** @description writes that arrived during the copy, replayed into the new database */
                        replayed: number;
                        /** @description rows deleted from the old database */
                        deleted: number;
                        /** @description how long the move took */
                        ms: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the change conflicts with what is stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startSiteMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the D1 binding to move the site to, as wrangler.jsonc names it (e.g. `DB_2`) */
                    database: string;
                    /**
                     * @description at most this many rows are copied, checked or deleted per step
                     * @default 5000
                     */
                    rowsPerStep?: number;
                };
            };
        };
        responses: {
            /** @description the move, started */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: string;
                        /** @description the binding the site was in */
                        from: string;
                        /** @description the binding it is moving to */
                        to: string;
                        /**
                         * @description `clear`: rows an earlier try left in the target go; `copy`: tables are copied in key order; `verify`: each table's rows and totals are checked; `replay`: switched, writes parked during the copy go into the new database; `delete`: the old rows go; `done`. After a failed check: `rollback` (the copy goes), `unpark` (parked writes go back to the old database), `failed`
                         * @enum {string}
                         */
                        phase: "clear" | "copy" | "verify" | "replay" | "delete" | "done" | "rollback" | "unpark" | "failed";
                        /** @description the table the phase is at (null between phases and at the end) */
                        table: string | null;
                        rowsPerStep: number;
                        /** @description steps run so far */
                        steps: number;
                        /** @description rows copied so far, over every table */
                        copied: number;
                        /** @description the tables checked so far */
                        tables: {
                            /** @description the table */
                            table: string;
                            /** @description rows copied to the new database (before writes made during the move) */
                            copied: number;
                            /** @description the site’s rows in the old database, checked equal in the new one */
                            rows: number;
                            /** @description for rollups and counts: the total of their count column, checked equal */
                            sum?: number;
                        }[];
                        replayed: number;
                        deleted: number;
                        /** @description a step holds the move now */
                        running: boolean;
                        startedAt: number;
                        updatedAt: number;
                        finishedAt: number | null;
                        /** @description why the move failed, or the last step error it is retrying after */
                        message: string | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the change conflicts with what is stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stepSiteMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the move after this step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: string;
                        /** @description the binding the site was in */
                        from: string;
                        /** @description the binding it is moving to */
                        to: string;
                        /**
                         * @description `clear`: rows an earlier try left in the target go; `copy`: tables are copied in key order; `verify`: each table's rows and totals are checked; `replay`: switched, writes parked during the copy go into the new database; `delete`: the old rows go; `done`. After a failed check: `rollback` (the copy goes), `unpark` (parked writes go back to the old database), `failed`
                         * @enum {string}
                         */
                        phase: "clear" | "copy" | "verify" | "replay" | "delete" | "done" | "rollback" | "unpark" | "failed";
                        /** @description the table the phase is at (null between phases and at the end) */
                        table: string | null;
                        rowsPerStep: number;
                        /** @description steps run so far */
                        steps: number;
                        /** @description rows copied so far, over every table */
                        copied: number;
                        /** @description the tables checked so far */
                        tables: {
                            /** @description the table */
                            table: string;
                            /** @description rows copied to the new database (before writes made during the move) */
                            copied: number;
                            /** @description the site’s rows in the old database, checked equal in the new one */
                            rows: number;
                            /** @description for rollups and counts: the total of their count column, checked equal */
                            sum?: number;
                        }[];
                        replayed: number;
                        deleted: number;
                        /** @description a step holds the move now */
                        running: boolean;
                        startedAt: number;
                        updatedAt: number;
                        finishedAt: number | null;
                        /** @description why the move failed, or the last step error it is retrying after */
                        message: string | null;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the change conflicts with what is stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStripeSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the source and its deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The endpoint to add in Stripe's Dashboard → Developers → Webhooks */
                        url: string;
                        /** @description The account of a subscription: its Stripe customer, or `metadata.<key>` of the subscription (falling back to the customer when the key is absent) */
                        account: string;
                        createdAt: number;
                        /** @description The last 20 events received, newest first */
                        deliveries: {
                            eventId: string;
                            type: string;
                            created: number;
                            receivedAt: number;
                            /**
                             * @description `applied` changed a subscription; `ignored` is a type Heard does not use
                             * @enum {string}
                             */
                            outcome: "applied" | "ignored";
                        }[];
                        /** @description Deliveries refused (bad or old signature, unreadable body) since the source was set */
                        failures: {
                            count: number;
                            lastAt: number | null;
                            lastMessage: string | null;
                        };
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setStripeSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The webhook endpoint's signing secret Stripe shows (`whsec_…`) */
                    signingSecret: string;
                    /**
                     * @description The account of a subscription: its Stripe customer, or `metadata.<key>` of the subscription (falling back to the customer when the key is absent)
                     * @default customer
                     */
                    account?: string;
                };
            };
        };
        responses: {
            /** @description the endpoint to paste into Stripe */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The endpoint to add in Stripe's Dashboard → Developers → Webhooks */
                        url: string;
                        /** @description The account of a subscription: its Stripe customer, or `metadata.<key>` of the subscription (falling back to the customer when the key is absent) */
                        account: string;
                        createdAt: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteStripeSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stripe deliveries are refused from now on */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveStripeEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the event was received (applied, ignored or a duplicate) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        received: true;
                        duplicate: boolean;
                        /** @enum {string} */
                        outcome: "applied" | "ignored";
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSurveys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the surveys and the answered ids */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        surveys: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            scale: [
                                number,
                                number
                            ];
                            texts: {
                                [key: string]: {
                                    /** @description the question above the scale */
                                    question: string;
                                    /** @description the open question after a score: one text for every score, or one per score band */
                                    followUp?: string | {
                                        detractor?: string;
                                        passive?: string;
                                        promoter?: string;
                                        low?: string;
                                        middle?: string;
                                        high?: string;
                                    };
                                    /** @description the words under the two ends of the scale, low end first */
                                    labels?: [
                                        string,
                                        string
                                    ];
                                    /** @description shown once the user has answered */
                                    thanks?: string;
                                };
                            };
                            appearance: {
                                /** @enum {string} */
                                position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                                accent?: string;
                                followUp?: boolean;
                                /**
                                 * @description how the points of the scale look
                                 * @enum {string}
                                 */
                                display?: "numbers" | "stars" | "faces";
                            };
                            targeting: {
                                /**
                                 * @default [
                                 *       {
                                 *         "type": "pageview"
                                 *       }
                                 *     ]
                                 */
                                triggers: ({
                                    /** @constant */
                                    type: "pageview";
                                } | {
                                    /** @constant */
                                    type: "event";
                                    name: string;
                                    where?: {
                                        key: string;
                                        /** @enum {string} */
                                        op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                        value: (string | number | boolean) | (string | number | boolean)[];
                                    }[];
                                })[];
                                /** @default [] */
                                pages: {
                                    /** @enum {string} */
                                    op: "exact" | "contains" | "startsWith" | "regex";
                                    value: string;
                                    not?: boolean;
                                }[];
                                /** @default 0 */
                                delaySeconds: number;
                                afterDays?: {
                                    days: number;
                                    /** @enum {string} */
                                    since: "first_seen" | "signed_up";
                                };
                                /** @default [] */
                                traits: {
                                    key: string;
                                    /** @enum {string} */
                                    op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                    value: (string | number | boolean) | (string | number | boolean)[];
                                }[];
                                /** @default 1 */
                                sample: number;
                                /** @default [] */
                                locales: string[];
                                /** @default 90 */
                                recontactDays: number;
                                /** @default 14 */
                                dismissDays: number;
                            };
                            schedule: {
                                start?: number;
                                end?: number;
                            };
                            /**
                             * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                             * @enum {string}
                             */
                            status: "draft" | "active" | "paused" | "completed";
                            priority: number;
                            /** @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit */
                            maxAnswers: number | null;
                            createdAt: number;
                            updatedAt: number;
                        }[];
                        answered: {
                            id: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            n: number;
                        }[];
                    };
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "nps" | "csat" | "ces";
                    scale?: [
                        number,
                        number
                    ];
                    texts: {
                        [key: string]: {
                            /** @description the question above the scale */
                            question: string;
                            /** @description the open question after a score: one text for every score, or one per score band */
                            followUp?: string | {
                                detractor?: string;
                                passive?: string;
                                promoter?: string;
                                low?: string;
                                middle?: string;
                                high?: string;
                            };
                            /** @description the words under the two ends of the scale, low end first */
                            labels?: [
                                string,
                                string
                            ];
                            /** @description shown once the user has answered */
                            thanks?: string;
                        };
                    };
                    /** @default {} */
                    appearance?: {
                        /** @enum {string} */
                        position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                        accent?: string;
                        followUp?: boolean;
                        /**
                         * @description how the points of the scale look
                         * @enum {string}
                         */
                        display?: "numbers" | "stars" | "faces";
                    };
                    /**
                     * @default {
                     *       "triggers": [
                     *         {
                     *           "type": "pageview"
                     *         }
                     *       ],
                     *       "pages": [],
                     *       "delaySeconds": 0,
                     *       "traits": [],
                     *       "sample": 1,
                     *       "locales": [],
                     *       "recontactDays": 90,
                     *       "dismissDays": 14
                     *     }
                     */
                    targeting?: {
                        /**
                         * @default [
                         *       {
                         *         "type": "pageview"
                         *       }
                         *     ]
                         */
                        triggers?: ({
                            /** @constant */
                            type: "pageview";
                        } | {
                            /** @constant */
                            type: "event";
                            name: string;
                            where?: {
                                key: string;
                                /** @enum {string} */
                                op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                value: (string | number | boolean) | (string | number | boolean)[];
                            }[];
                        })[];
                        /** @default [] */
                        pages?: {
                            /** @enum {string} */
                            op: "exact" | "contains" | "startsWith" | "regex";
                            value: string;
                            not?: boolean;
                        }[];
                        /** @default 0 */
                        delaySeconds?: number;
                        afterDays?: {
                            days: number;
                            /** @enum {string} */
                            since: "first_seen" | "signed_up";
                        };
                        /** @default [] */
                        traits?: {
                            key: string;
                            /** @enum {string} */
                            op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                            value: (string | number | boolean) | (string | number | boolean)[];
                        }[];
                        /** @default 1 */
                        sample?: number;
                        /** @default [] */
                        locales?: string[];
                        /** @default 90 */
                        recontactDays?: number;
                        /** @default 14 */
                        dismissDays?: number;
                    };
                    /** @default {} */
                    schedule?: {
                        start?: number;
                        end?: number;
                    };
                    /**
                     * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                     * @default draft
                     * @enum {string}
                     */
                    status?: "draft" | "active" | "paused" | "completed";
                    /** @default 0 */
                    priority?: number;
                    /**
                     * @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit
                     * @default null
                     */
                    maxAnswers?: number | null;
                };
            };
        };
        responses: {
            /** @description the survey as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        scale: [
                            number,
                            number
                        ];
                        texts: {
                            [key: string]: {
                                /** @description the question above the scale */
                                question: string;
                                /** @description the open question after a score: one text for every score, or one per score band */
                                followUp?: string | {
                                    detractor?: string;
                                    passive?: string;
                                    promoter?: string;
                                    low?: string;
                                    middle?: string;
                                    high?: string;
                                };
                                /** @description the words under the two ends of the scale, low end first */
                                labels?: [
                                    string,
                                    string
                                ];
                                /** @description shown once the user has answered */
                                thanks?: string;
                            };
                        };
                        appearance: {
                            /** @enum {string} */
                            position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                            accent?: string;
                            followUp?: boolean;
                            /**
                             * @description how the points of the scale look
                             * @enum {string}
                             */
                            display?: "numbers" | "stars" | "faces";
                        };
                        targeting: {
                            /**
                             * @default [
                             *       {
                             *         "type": "pageview"
                             *       }
                             *     ]
                             */
                            triggers: ({
                                /** @constant */
                                type: "pageview";
                            } | {
                                /** @constant */
                                type: "event";
                                name: string;
                                where?: {
                                    key: string;
                                    /** @enum {string} */
                                    op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                    value: (string | number | boolean) | (string | number | boolean)[];
                                }[];
                            })[];
                            /** @default [] */
                            pages: {
                                /** @enum {string} */
                                op: "exact" | "contains" | "startsWith" | "regex";
                                value: string;
                                not?: boolean;
                            }[];
                            /** @default 0 */
                            delaySeconds: number;
                            afterDays?: {
                                days: number;
                                /** @enum {string} */
                                since: "first_seen" | "signed_up";
                            };
                            /** @default [] */
                            traits: {
                                key: string;
                                /** @enum {string} */
                                op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                value: (string | number | boolean) | (string | number | boolean)[];
                            }[];
                            /** @default 1 */
                            sample: number;
                            /** @default [] */
                            locales: string[];
                            /** @default 90 */
                            recontactDays: number;
                            /** @default 14 */
                            dismissDays: number;
                        };
                        schedule: {
                            start?: number;
                            end?: number;
                        };
                        /**
                         * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                         * @enum {string}
                         */
                        status: "draft" | "active" | "paused" | "completed";
                        priority: number;
                        /** @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit */
                        maxAnswers: number | null;
                        createdAt: number;
                        updatedAt: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the survey */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        scale: [
                            number,
                            number
                        ];
                        texts: {
                            [key: string]: {
                                /** @description the question above the scale */
                                question: string;
                                /** @description the open question after a score: one text for every score, or one per score band */
                                followUp?: string | {
                                    detractor?: string;
                                    passive?: string;
                                    promoter?: string;
                                    low?: string;
                                    middle?: string;
                                    high?: string;
                                };
                                /** @description the words under the two ends of the scale, low end first */
                                labels?: [
                                    string,
                                    string
                                ];
                                /** @description shown once the user has answered */
                                thanks?: string;
                            };
                        };
                        appearance: {
                            /** @enum {string} */
                            position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                            accent?: string;
                            followUp?: boolean;
                            /**
                             * @description how the points of the scale look
                             * @enum {string}
                             */
                            display?: "numbers" | "stars" | "faces";
                        };
                        targeting: {
                            /**
                             * @default [
                             *       {
                             *         "type": "pageview"
                             *       }
                             *     ]
                             */
                            triggers: ({
                                /** @constant */
                                type: "pageview";
                            } | {
                                /** @constant */
                                type: "event";
                                name: string;
                                where?: {
                                    key: string;
                                    /** @enum {string} */
                                    op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                    value: (string | number | boolean) | (string | number | boolean)[];
                                }[];
                            })[];
                            /** @default [] */
                            pages: {
                                /** @enum {string} */
                                op: "exact" | "contains" | "startsWith" | "regex";
                                value: string;
                                not?: boolean;
                            }[];
                            /** @default 0 */
                            delaySeconds: number;
                            afterDays?: {
                                days: number;
                                /** @enum {string} */
                                since: "first_seen" | "signed_up";
                            };
                            /** @default [] */
                            traits: {
                                key: string;
                                /** @enum {string} */
                                op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                value: (string | number | boolean) | (string | number | boolean)[];
                            }[];
                            /** @default 1 */
                            sample: number;
                            /** @default [] */
                            locales: string[];
                            /** @default 90 */
                            recontactDays: number;
                            /** @default 14 */
                            dismissDays: number;
                        };
                        schedule: {
                            start?: number;
                            end?: number;
                        };
                        /**
                         * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                         * @enum {string}
                         */
                        status: "draft" | "active" | "paused" | "completed";
                        priority: number;
                        /** @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit */
                        maxAnswers: number | null;
                        createdAt: number;
                        updatedAt: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    kind?: "nps" | "csat" | "ces";
                    scale?: [
                        number,
                        number
                    ];
                    texts?: {
                        [key: string]: {
                            /** @description the question above the scale */
                            question: string;
                            /** @description the open question after a score: one text for every score, or one per score band */
                            followUp?: string | {
                                detractor?: string;
                                passive?: string;
                                promoter?: string;
                                low?: string;
                                middle?: string;
                                high?: string;
                            };
                            /** @description the words under the two ends of the scale, low end first */
                            labels?: [
                                string,
                                string
                            ];
                            /** @description shown once the user has answered */
                            thanks?: string;
                        };
                    };
                    appearance?: {
                        /** @enum {string} */
                        position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                        accent?: string;
                        followUp?: boolean;
                        /**
                         * @description how the points of the scale look
                         * @enum {string}
                         */
                        display?: "numbers" | "stars" | "faces";
                    };
                    targeting?: {
                        /**
                         * @default [
                         *       {
                         *         "type": "pageview"
                         *       }
                         *     ]
                         */
                        triggers?: ({
                            /** @constant */
                            type: "pageview";
                        } | {
                            /** @constant */
                            type: "event";
                            name: string;
                            where?: {
                                key: string;
                                /** @enum {string} */
                                op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                value: (string | number | boolean) | (string | number | boolean)[];
                            }[];
                        })[];
                        /** @default [] */
                        pages?: {
                            /** @enum {string} */
                            op: "exact" | "contains" | "startsWith" | "regex";
                            value: string;
                            not?: boolean;
                        }[];
                        /** @default 0 */
                        delaySeconds?: number;
                        afterDays?: {
                            days: number;
                            /** @enum {string} */
                            since: "first_seen" | "signed_up";
                        };
                        /** @default [] */
                        traits?: {
                            key: string;
                            /** @enum {string} */
                            op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                            value: (string | number | boolean) | (string | number | boolean)[];
                        }[];
                        /** @default 1 */
                        sample?: number;
                        /** @default [] */
                        locales?: string[];
                        /** @default 90 */
                        recontactDays?: number;
                        /** @default 14 */
                        dismissDays?: number;
                    };
                    schedule?: {
                        start?: number;
                        end?: number;
                    };
                    /**
                     * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                     * @enum {string}
                     */
                    status?: "draft" | "active" | "paused" | "completed";
                    priority?: number;
                    /** @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit */
                    maxAnswers?: number | null;
                };
            };
        };
        responses: {
            /** @description the survey as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces";
                        scale: [
                            number,
                            number
                        ];
                        texts: {
                            [key: string]: {
                                /** @description the question above the scale */
                                question: string;
                                /** @description the open question after a score: one text for every score, or one per score band */
                                followUp?: string | {
                                    detractor?: string;
                                    passive?: string;
                                    promoter?: string;
                                    low?: string;
                                    middle?: string;
                                    high?: string;
                                };
                                /** @description the words under the two ends of the scale, low end first */
                                labels?: [
                                    string,
                                    string
                                ];
                                /** @description shown once the user has answered */
                                thanks?: string;
                            };
                        };
                        appearance: {
                            /** @enum {string} */
                            position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                            accent?: string;
                            followUp?: boolean;
                            /**
                             * @description how the points of the scale look
                             * @enum {string}
                             */
                            display?: "numbers" | "stars" | "faces";
                        };
                        targeting: {
                            /**
                             * @default [
                             *       {
                             *         "type": "pageview"
                             *       }
                             *     ]
                             */
                            triggers: ({
                                /** @constant */
                                type: "pageview";
                            } | {
                                /** @constant */
                                type: "event";
                                name: string;
                                where?: {
                                    key: string;
                                    /** @enum {string} */
                                    op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                    value: (string | number | boolean) | (string | number | boolean)[];
                                }[];
                            })[];
                            /** @default [] */
                            pages: {
                                /** @enum {string} */
                                op: "exact" | "contains" | "startsWith" | "regex";
                                value: string;
                                not?: boolean;
                            }[];
                            /** @default 0 */
                            delaySeconds: number;
                            afterDays?: {
                                days: number;
                                /** @enum {string} */
                                since: "first_seen" | "signed_up";
                            };
                            /** @default [] */
                            traits: {
                                key: string;
                                /** @enum {string} */
                                op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                value: (string | number | boolean) | (string | number | boolean)[];
                            }[];
                            /** @default 1 */
                            sample: number;
                            /** @default [] */
                            locales: string[];
                            /** @default 90 */
                            recontactDays: number;
                            /** @default 14 */
                            dismissDays: number;
                        };
                        schedule: {
                            start?: number;
                            end?: number;
                        };
                        /**
                         * @description draft, active (served), paused, or completed (its maxAnswers reached; no longer served)
                         * @enum {string}
                         */
                        status: "draft" | "active" | "paused" | "completed";
                        priority: number;
                        /** @description stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit */
                        maxAnswers: number | null;
                        createdAt: number;
                        updatedAt: number;
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the change conflicts with what is stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getActiveSurveys: {
        parameters: {
            query: {
                site: string;
                user?: string;
                locale?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description running surveys, the cool-down and the contacts that still count */
            200: {
                headers: {
                    /** @description the version of this answer, for If-None-Match */
                    ETag?: string;
                    /** @description private, max-age=60 */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        surveys: {
                            id: string;
                            /** @enum {string} */
                            kind: "nps" | "csat" | "ces";
                            scale: [
                                number,
                                number
                            ];
                            texts: {
                                /** @description the question above the scale */
                                question: string;
                                /** @description the open question after a score: one text for every score, or one per score band */
                                followUp?: string | {
                                    detractor?: string;
                                    passive?: string;
                                    promoter?: string;
                                    low?: string;
                                    middle?: string;
                                    high?: string;
                                };
                                /** @description the words under the two ends of the scale, low end first */
                                labels?: [
                                    string,
                                    string
                                ];
                                /** @description shown once the user has answered */
                                thanks?: string;
                            };
                            appearance: {
                                /** @enum {string} */
                                position?: "bottom-right" | "bottom-left" | "top-right" | "top-left" | "center";
                                accent?: string;
                                followUp?: boolean;
                                /**
                                 * @description how the points of the scale look
                                 * @enum {string}
                                 */
                                display?: "numbers" | "stars" | "faces";
                            };
                            targeting: {
                                /**
                                 * @default [
                                 *       {
                                 *         "type": "pageview"
                                 *       }
                                 *     ]
                                 */
                                triggers: ({
                                    /** @constant */
                                    type: "pageview";
                                } | {
                                    /** @constant */
                                    type: "event";
                                    name: string;
                                    where?: {
                                        key: string;
                                        /** @enum {string} */
                                        op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                        value: (string | number | boolean) | (string | number | boolean)[];
                                    }[];
                                })[];
                                /** @default [] */
                                pages: {
                                    /** @enum {string} */
                                    op: "exact" | "contains" | "startsWith" | "regex";
                                    value: string;
                                    not?: boolean;
                                }[];
                                /** @default 0 */
                                delaySeconds: number;
                                afterDays?: {
                                    days: number;
                                    /** @enum {string} */
                                    since: "first_seen" | "signed_up";
                                };
                                /** @default [] */
                                traits: {
                                    key: string;
                                    /** @enum {string} */
                                    op: "equals" | "not" | "contains" | "gt" | "lt" | "in";
                                    value: (string | number | boolean) | (string | number | boolean)[];
                                }[];
                                /** @default 1 */
                                sample: number;
                                /** @default [] */
                                locales: string[];
                                /** @default 90 */
                                recontactDays: number;
                                /** @default 14 */
                                dismissDays: number;
                            };
                            priority: number;
                        }[];
                        cooldownDays: number;
                        followUp?: boolean;
                        contacts: {
                            survey: string;
                            ts: number;
                            dismissed: boolean;
                        }[];
                        firstSeen?: number;
                        signedUp?: number;
                    };
                };
            };
            /** @description unchanged since the ETag sent in If-None-Match */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the request's Origin is not one of the site's allowed origins, or a preflight to a page route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getThemes: {
        parameters: {
            query: {
                metric: "nps" | "csat" | "ces";
                survey?: string;
                /** @description first day; default 89 days before `to` */
                from?: string;
                /** @description last day; default today */
                to?: string;
                tz?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the themes and their effect on the score */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        metric: "nps" | "csat" | "ces";
                        from: string;
                        to: string;
                        tz: string;
                        /** @description the scale read: the one with the most commented answers */
                        scale: [
                            number,
                            number
                        ] | null;
                        direction: ("higher-better" | "lower-better") | null;
                        /** @description commented answers read */
                        n: number;
                        /** @description true when the window held more commented answers than are read (the newest 10,000) */
                        sampled: boolean;
                        /** @description themes tested: the size of the Benjamini–Hochberg family */
                        tested: number;
                        /** @description sorted by |impact| */
                        themes: {
                            /** @description the theme: its most used word or phrase, or the name the team gave it */
                            name: string;
                            /**
                             * @description found in the comments, or defined in settings `themes`
                             * @enum {string}
                             */
                            source: "auto" | "team";
                            /** @description words or phrases merged into it (the keywords of a team theme) */
                            terms: string[];
                            /** @description commented answers mentioning it */
                            n: number;
                            /** @description n ÷ commented answers in the window */
                            share: number;
                            /** @description the score of the answers mentioning it */
                            with: {
                                n: number;
                                score: number | null;
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                lowSample: boolean;
                                breakdown: {
                                    [key: string]: number;
                                };
                                mean: number | null;
                            };
                            /** @description the score of the commented answers that do not */
                            without: {
                                n: number;
                                score: number | null;
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                lowSample: boolean;
                                breakdown: {
                                    [key: string]: number;
                                };
                                mean: number | null;
                            };
                            /** @description with − without in the metric's unit; null when a side is empty */
                            difference: number | null;
                            /** @description 95% interval of the difference; null when a side has no spread to estimate */
                            ci95: [
                                number,
                                number
                            ] | null;
                            /** @description two-sided p-value of the difference (the tests of GET /v1/scores?compare=) */
                            p: number | null;
                            /** @description p corrected by Benjamini–Hochberg over every theme tested */
                            q: number | null;
                            /** @description q < 0.05 and both sides have at least 30 answers */
                            significant: boolean;
                            /** @description either side has fewer than 30 answers: never significant */
                            lowSample: boolean;
                            /** @description why it cannot be called significant whatever its size */
                            reason?: string;
                            /** @description difference × share: the points of the overall score it moves */
                            impact: number | null;
                            /** @description a few comments that mention it, newest first */
                            examples: {
                                id: string;
                                score: number;
                                comment: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTtv: {
        parameters: {
            query?: {
                start?: string;
                value?: string;
                from?: string;
                to?: string;
                cohort?: "week" | "month";
                by?: string;
                /** @description true: compute from every subject (O(users)); false: from the rollup (O(days × bins), durations within 1 %); omitted: exact under 2,000 subjects */
                exact?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the time-to-value report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The event that starts the clock (the site setting unless `start=` was given) */
                        start: string;
                        /** @description The event that counts as reaching value */
                        value: string;
                        /**
                         * Format: date-time
                         * @description Start of the window of start events, an ISO 8601 UTC time
                         */
                        from: string;
                        /**
                         * Format: date-time
                         * @description End of the window, and of follow-up, an ISO 8601 UTC time
                         */
                        to: string;
                        /** @description The trait the segments are by; null when not asked */
                        by: string | null;
                        /** @description true when computed from every subject; false when from the rollup: counts exact, durations within 1 %, curve steps one per bin */
                        exact: boolean;
                        /** @description Users whose first start event falls in the window */
                        started: number;
                        /** @description Of those, users who reached value by the end of follow-up */
                        reached: number;
                        /** @description reached ÷ started, a fraction (0–1); null when nobody started */
                        conversion: number | null;
                        /** @description Time to value among users who reached it (ms) */
                        reachedTimes: {
                            /** @description How many durations the figures are computed from */
                            n: number;
                            /** @description Mean; null when n is 0, in milliseconds */
                            mean: number | null;
                            /** @description Median; null when n is 0, in milliseconds */
                            p50: number | null;
                            /** @description 75th percentile; null when n is 0, in milliseconds */
                            p75: number | null;
                            /** @description 90th percentile; null when n is 0, in milliseconds */
                            p90: number | null;
                        };
                        /** @description Kaplan–Meier median time to value, counting users still waiting as censored; null while over half wait, in milliseconds */
                        kmMedian: number | null;
                        /** @description Users whose first value event came before their first start event: left out of every other figure */
                        valueBeforeStart: number;
                        /** @description End of follow-up: users who have not reached value are censored here, epoch milliseconds (UTC) */
                        censoredAt: number;
                        /** @description The Kaplan–Meier curve, thinned to at most 200 steps */
                        curve: {
                            /** @description Time since the start event, in milliseconds */
                            time: number;
                            /** @description Users still waiting just before `time` */
                            atRisk: number;
                            /** @description Users who reached value at `time` */
                            events: number;
                            /** @description Users whose follow-up ended at `time` */
                            censored: number;
                            /** @description Estimated share still waiting just after `time` (0–1), as a fraction (0.25 = 25 %) */
                            survival: number;
                        }[];
                        /** @description Times to value in log-spaced buckets (×4 from one minute); empty buckets kept */
                        histogram: {
                            /** @description Lower edge (inclusive), in milliseconds */
                            from: number;
                            /** @description Upper edge (exclusive); null for an open last bucket, in milliseconds */
                            to: number | null;
                            count: number;
                        }[];
                        /** @description The same figures per sign-up cohort, oldest first */
                        cohorts: {
                            /**
                             * Format: date
                             * @description First day of the sign-up week or month, an ISO date (UTC)
                             */
                            cohort: string;
                            /** @description Users whose first start event falls in the window */
                            started: number;
                            /** @description Of those, users who reached value by the end of follow-up */
                            reached: number;
                            /** @description reached ÷ started, a fraction (0–1); null when nobody started */
                            conversion: number | null;
                            /** @description Time to value among users who reached it (ms) */
                            reachedTimes: {
                                /** @description How many durations the figures are computed from */
                                n: number;
                                /** @description Mean; null when n is 0, in milliseconds */
                                mean: number | null;
                                /** @description Median; null when n is 0, in milliseconds */
                                p50: number | null;
                                /** @description 75th percentile; null when n is 0, in milliseconds */
                                p75: number | null;
                                /** @description 90th percentile; null when n is 0, in milliseconds */
                                p90: number | null;
                            };
                            /** @description Kaplan–Meier median time to value, counting users still waiting as censored; null while over half wait, in milliseconds */
                            kmMedian: number | null;
                        }[];
                        /** @description Present with `by`: the same figures per value, most users first */
                        segments?: {
                            /** @description The value of the `by` trait or prop; null for subjects without it */
                            value: string | null;
                            /** @description Users whose first start event falls in the window */
                            started: number;
                            /** @description Of those, users who reached value by the end of follow-up */
                            reached: number;
                            /** @description reached ÷ started, a fraction (0–1); null when nobody started */
                            conversion: number | null;
                            /** @description Time to value among users who reached it (ms) */
                            reachedTimes: {
                                /** @description How many durations the figures are computed from */
                                n: number;
                                /** @description Mean; null when n is 0, in milliseconds */
                                mean: number | null;
                                /** @description Median; null when n is 0, in milliseconds */
                                p50: number | null;
                                /** @description 75th percentile; null when n is 0, in milliseconds */
                                p75: number | null;
                                /** @description 90th percentile; null when n is 0, in milliseconds */
                                p90: number | null;
                            };
                            /** @description Kaplan–Meier median time to value, counting users still waiting as censored; null while over half wait, in milliseconds */
                            kmMedian: number | null;
                        }[];
                        /** @description NPS of users grouped by how fast they reached value (each user's latest NPS answer) */
                        npsByTtv: {
                            /** @description e.g. "under 1 day", "not reached" */
                            bucket: string;
                            /** @description Lower edge of the bucket; null for "not reached", in milliseconds */
                            from: number | null;
                            /** @description Upper edge; null for the open last bucket and "not reached", in milliseconds */
                            to: number | null;
                            nps: {
                                n: number;
                                /** @description %promoters − %detractors (−100…100); null when n is 0 */
                                score: number | null;
                                /** @description 95% margin of error, in NPS points */
                                marginOfError: number | null;
                                /** @description 95% interval of the score, clipped to −100…100 */
                                ci95: [
                                    number,
                                    number
                                ] | null;
                                breakdown: {
                                    promoters: number;
                                    passives: number;
                                    detractors: number;
                                };
                            };
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    eraseUser: {
        parameters: {
            query?: {
                /** @description An anonymous id to erase along (repeat up to 50 times) */
                anonymousId?: string | string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description rows removed, per table */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The user id or anonymous id erased */
                        id: string;
                        erased: {
                            /** @description Answers removed */
                            answers: number;
                            /** @description Events removed */
                            events: number;
                            /** @description Displays (prompts shown or dismissed) removed */
                            displays: number;
                            /** @description First occurrences of events (time-to-value) removed */
                            milestones: number;
                        };
                        /** @description Anonymous ids the site listed in `anonymousId=` as this person’s: erased along */
                        anonymousIds: string[];
                        /** @description Anonymous ids that only visitor-sent items put beside this user id: nothing under them was erased */
                        unverifiedLinks: string[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the webhook and its deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        secret?: string;
                        /** @description Which answers are sent; omitted, the low ones */
                        send: {
                            /**
                             * @description low: NPS 0–6 and the worst points of CSAT/CES (the default); every: every answer
                             * @enum {string}
                             */
                            answers: "low" | "every";
                            /** @description Only these kinds */
                            metric?: ("nps" | "csat" | "ces")[];
                            /** @description Only these bands, on each answer's own scale */
                            band?: ("low" | "middle" | "high")[];
                            /** @description Only answers to these surveys */
                            survey?: string[];
                            /** @description Only answers whose trait (else prop) `by` equals `value` */
                            segment?: {
                                by: string;
                                value: string;
                            };
                            /** @description true: only answers with a comment; false: only those without */
                            hasComment?: boolean;
                        };
                        createdAt: number;
                        deliveries?: {
                            answerId: string;
                            /** @enum {string} */
                            stage: "answer" | "comment";
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            lastStatus: number | null;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url: string;
                    secret?: string;
                    /** @description Which answers are sent; omitted, the low ones */
                    send?: {
                        /**
                         * @description low: NPS 0–6 and the worst points of CSAT/CES (the default); every: every answer
                         * @enum {string}
                         */
                        answers: "low" | "every";
                        /** @description Only these kinds */
                        metric?: ("nps" | "csat" | "ces")[];
                        /** @description Only these bands, on each answer's own scale */
                        band?: ("low" | "middle" | "high")[];
                        /** @description Only answers to these surveys */
                        survey?: string[];
                        /** @description Only answers whose trait (else prop) `by` equals `value` */
                        segment?: {
                            by: string;
                            value: string;
                        };
                        /** @description true: only answers with a comment; false: only those without */
                        hasComment?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description the webhook, with its secret this once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        secret?: string;
                        /** @description Which answers are sent; omitted, the low ones */
                        send: {
                            /**
                             * @description low: NPS 0–6 and the worst points of CSAT/CES (the default); every: every answer
                             * @enum {string}
                             */
                            answers: "low" | "every";
                            /** @description Only these kinds */
                            metric?: ("nps" | "csat" | "ces")[];
                            /** @description Only these bands, on each answer's own scale */
                            band?: ("low" | "middle" | "high")[];
                            /** @description Only answers to these surveys */
                            survey?: string[];
                            /** @description Only answers whose trait (else prop) `by` equals `value` */
                            segment?: {
                                by: string;
                                value: string;
                            };
                            /** @description true: only answers with a comment; false: only those without */
                            hasComment?: boolean;
                        };
                        createdAt: number;
                        deliveries?: {
                            answerId: string;
                            /** @enum {string} */
                            stage: "answer" | "comment";
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            lastStatus: number | null;
                        }[];
                    };
                };
            };
            /** @description the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no more alerts are sent */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no key, or a key that is not valid for this route */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource on this site */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many requests; wait as long as Retry-After says */
            429: {
                headers: {
                    /** @description seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
