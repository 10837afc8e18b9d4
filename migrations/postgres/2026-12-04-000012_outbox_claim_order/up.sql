-- The mail worker claims due messages in the order of these indexes, so a
-- claim reads about a batch of rows however many are queued. A launch for
-- 100,000 people queues 100,000 invitations due at the same moment: without
-- `id` in the index, each claim sorted all of them.
DROP INDEX email_outbox_due_idx;
CREATE INDEX email_outbox_due_idx ON email_outbox (status, next_attempt_at, id);

-- Account mail (password links, account invitations) is claimed first and
-- is rare: a small partial index finds it without walking the queue, and
-- costs nothing when a launch queues its invitations.
CREATE INDEX email_outbox_account_due_idx ON email_outbox (next_attempt_at, id)
    WHERE status = 'queued' AND kind IN ('password_reset', 'account_invitation');

-- The per-minute limit counts what was sent in the last minute and what is
-- being sent now (the few rows under a lease), each from an index alone: a
-- sent row carries its rendered bodies, and SQLite reads past them (overflow
-- pages) to reach a later column. With `status` first, this index also wins
-- over `email_outbox_held_idx (status, recipient_id)` for these counts.
DROP INDEX email_outbox_sent_idx;
CREATE INDEX email_outbox_sent_idx ON email_outbox (status, sent_at);
CREATE INDEX email_outbox_leased_idx ON email_outbox (lease_until) WHERE lease_until IS NOT NULL;
