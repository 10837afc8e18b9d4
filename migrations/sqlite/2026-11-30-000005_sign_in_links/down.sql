DELETE FROM one_time_tokens WHERE purpose = 'sign_in';
CREATE TABLE one_time_tokens_old (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation', 'password_reset')),
    person_id  TEXT REFERENCES people(id),
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
INSERT INTO one_time_tokens_old SELECT token_hash, purpose, person_id, created_by, created_at, expires_at, used_at FROM one_time_tokens;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_old RENAME TO one_time_tokens;
CREATE INDEX one_time_tokens_person_idx ON one_time_tokens (person_id, purpose);
