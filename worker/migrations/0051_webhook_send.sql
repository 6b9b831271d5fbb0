-- Which answers a site's webhook is sent (WebhookFilter in @heard/core, as JSON): NULL is
-- the low answers, what every webhook set before this migration was sent.
ALTER TABLE webhooks ADD COLUMN send TEXT;
