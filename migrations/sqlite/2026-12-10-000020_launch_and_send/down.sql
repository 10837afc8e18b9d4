CREATE INDEX reviews_cycle_state_idx ON reviews (cycle_id, state);
DROP INDEX email_outbox_sent_idx;
CREATE INDEX email_outbox_sent_idx ON email_outbox (status, sent_at);
CREATE INDEX email_outbox_leased_idx ON email_outbox (lease_until) WHERE lease_until IS NOT NULL;
DROP TABLE email_send_counts;
