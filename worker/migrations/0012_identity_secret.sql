-- The site's identity secret (`ids_…`, POST /v1/identity/secret), which signs user ids for
-- identity verification. The collector must compute HMACs with it, so it cannot be kept as a
-- hash like the secret keys: it is sealed with AES-256-GCM under a key derived from the
-- Worker secret SECRETS_KEY (the site id is bound as associated data, so a sealed value
-- copied to another site does not open). NULL until the site issues one.
ALTER TABLE sites ADD COLUMN identity_secret TEXT;
