-- Messages claimed for sending, per second: what the per-minute rate is
-- measured against. Counting the sent rows of the last minute read every
-- one of them on each claim of 50, so at 1,000 messages a second the count
-- itself cost more than the sending. Each claim removes the seconds older
-- than a minute, so this table holds about 61 rows.
CREATE TABLE email_send_counts (
    second TIMESTAMP NOT NULL PRIMARY KEY,
    claimed INTEGER NOT NULL
);

-- The messages under a live lease were counted from this index; the counts
-- above include them (a message counts when it is claimed).
DROP INDEX email_outbox_leased_idx;

-- Sent and failed messages by when they went, for the metrics' "sent in
-- the last minute". A queued message has no `sent_at`, so a launch wrote
-- 100,000 entries here that no query reads; now only what went is indexed.
DROP INDEX email_outbox_sent_idx;
CREATE INDEX email_outbox_sent_idx ON email_outbox (status, sent_at) WHERE sent_at IS NOT NULL;

-- `reviews_cycle_cover_idx (cycle_id, state, ...)` starts with these two
-- columns and answers every query this one did; a launch wrote both.
DROP INDEX reviews_cycle_state_idx;
