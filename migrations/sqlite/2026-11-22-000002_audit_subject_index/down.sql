CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
DROP INDEX audit_log_subject_at_idx;
