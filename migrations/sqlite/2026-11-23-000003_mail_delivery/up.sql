-- Email delivery: a message is rendered when it is sent, from the facts kept in
-- `payload`, so that a reminder queued in the morning is skipped if the person
-- has already done the work, and people in digest mode get one mail a day.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE email_outbox_new (
    id              TEXT PRIMARY KEY NOT NULL,
    dedupe_key      TEXT NOT NULL UNIQUE,
    message_id      TEXT NOT NULL UNIQUE,
    recipient_id    TEXT REFERENCES people(id),
    to_address      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    lang            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    ics             TEXT,
    cycle_id        TEXT REFERENCES review_cycles(id),
    review_id       TEXT REFERENCES reviews(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'held', 'bundled', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    leased_by       TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP,
    payload         TEXT NOT NULL DEFAULT '{}',
    digest_id       TEXT,
    smtp_response   TEXT NOT NULL DEFAULT ''
);
INSERT INTO email_outbox_new (id, dedupe_key, message_id, recipient_id, to_address, kind, lang,
    subject, body_text, body_html, ics, cycle_id, review_id, status, attempts, next_attempt_at,
    lease_until, leased_by, last_error, created_at, sent_at)
SELECT id, dedupe_key, message_id, recipient_id, to_address, kind, lang,
    subject, body_text, body_html, ics, cycle_id, review_id, status, attempts, next_attempt_at,
    lease_until, leased_by, last_error, created_at, sent_at
FROM email_outbox;
DROP TABLE email_outbox;
ALTER TABLE email_outbox_new RENAME TO email_outbox;
CREATE INDEX email_outbox_due_idx ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_cycle_idx ON email_outbox (cycle_id, created_at);
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
