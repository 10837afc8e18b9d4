-- One row that the readiness check writes, so "ready" means a write would
-- succeed (not only that the database answers a read).
CREATE TABLE health (
    id INTEGER PRIMARY KEY NOT NULL,
    checked_at TIMESTAMP NOT NULL
);
INSERT INTO health (id, checked_at) VALUES (1, CURRENT_TIMESTAMP);
