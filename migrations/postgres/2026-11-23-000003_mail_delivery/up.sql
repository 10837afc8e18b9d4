-- Email delivery: a message is rendered when it is sent, from the facts kept in
-- `payload`, so that a reminder queued in the morning is skipped if the person
-- has already done the work, and people in digest mode get one mail a day.
ALTER TABLE email_outbox DROP CONSTRAINT IF EXISTS email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('queued', 'held', 'bundled', 'sent', 'failed', 'skipped'));
ALTER TABLE email_outbox ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
ALTER TABLE email_outbox ADD COLUMN digest_id TEXT;
ALTER TABLE email_outbox ADD COLUMN smtp_response TEXT NOT NULL DEFAULT '';
CREATE INDEX email_outbox_held_idx ON email_outbox (status, recipient_id);
CREATE INDEX email_outbox_created_idx ON email_outbox (created_at);
-- The per-minute rate counts what went out in the last minute.
CREATE INDEX email_outbox_sent_idx ON email_outbox (sent_at);

-- What the scheduler has already planned ("reminder:<cycle>:self:2026-12-01:2"),
-- so each day's reminders are queued once however often it runs.
CREATE TABLE mail_plan (
    key        TEXT PRIMARY KEY NOT NULL,
    planned_at TIMESTAMP NOT NULL
);
