-- A one-time token may also finish a sign-in that the throttle held back
-- (auth::throttle): SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE one_time_tokens_new (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation', 'password_reset', 'sign_in')),
    person_id  TEXT REFERENCES people(id),
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
INSERT INTO one_time_tokens_new (token_hash, purpose, person_id, created_by, created_at, expires_at, used_at)
    SELECT token_hash, purpose, person_id, created_by, created_at, expires_at, used_at FROM one_time_tokens;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_new RENAME TO one_time_tokens;
CREATE INDEX one_time_tokens_person_idx ON one_time_tokens (person_id, purpose);
