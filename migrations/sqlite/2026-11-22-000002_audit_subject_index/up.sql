-- A person's page lists the latest audit records about them: without an
-- index starting with subject_id, that walked the whole log (docs/performance.md).
CREATE INDEX audit_log_subject_at_idx ON audit_log (subject_id, at);
DROP INDEX audit_log_subject_idx;
