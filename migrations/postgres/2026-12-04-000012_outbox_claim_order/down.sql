DROP INDEX email_outbox_leased_idx;
DROP INDEX email_outbox_sent_idx;
CREATE INDEX email_outbox_sent_idx ON email_outbox (sent_at);
DROP INDEX email_outbox_account_due_idx;
DROP INDEX email_outbox_due_idx;
CREATE INDEX email_outbox_due_idx ON email_outbox (status, next_attempt_at);
