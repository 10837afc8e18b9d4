DROP INDEX reviews_person_cycle_idx;
DROP INDEX people_invited_idx;
DROP INDEX people_active_idx;
DROP INDEX people_list_idx;
CREATE INDEX audit_log_at_idx ON audit_log (at);
DROP INDEX audit_log_action_at_idx;
DROP INDEX audit_log_at_id_idx;
