DROP TABLE mail_plan;
DROP INDEX email_outbox_held_idx;
DROP INDEX email_outbox_created_idx;
DROP INDEX email_outbox_sent_idx;
ALTER TABLE email_outbox DROP COLUMN smtp_response;
ALTER TABLE email_outbox DROP COLUMN digest_id;
ALTER TABLE email_outbox DROP COLUMN payload;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check
    CHECK (status IN ('queued', 'sent', 'failed'));
