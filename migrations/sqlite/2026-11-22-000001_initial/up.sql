-- Cermin's relational model (SQLite). Ids are UUIDv7 text generated in Rust;
-- timestamps are UTC. Keep in step with ../../postgres/<same name>/up.sql.

CREATE TABLE people (
    id              TEXT PRIMARY KEY NOT NULL,
    email           TEXT NOT NULL,               -- stored lower-case: unique ignoring case
    name            TEXT NOT NULL,
    password_hash   TEXT,
    role            TEXT NOT NULL CHECK (role IN ('hr', 'manager', 'employee')),
    manager_id      TEXT REFERENCES people(id),
    department      TEXT NOT NULL DEFAULT '',
    job_title       TEXT NOT NULL DEFAULT '',
    job_description TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en')),
    active          BOOLEAN NOT NULL DEFAULT 1,
    email_digest    BOOLEAN NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id)
);
CREATE UNIQUE INDEX people_email_key ON people (email);
CREATE INDEX people_manager_idx ON people (manager_id);
CREATE INDEX people_department_idx ON people (department);
CREATE INDEX people_name_idx ON people (name);

CREATE TABLE competencies (
    id             TEXT PRIMARY KEY NOT NULL,
    key            TEXT NOT NULL UNIQUE,
    name_id        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_id TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    active         BOOLEAN NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE form_templates (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    parent_id   TEXT REFERENCES form_templates(id),  -- the template this one was copied or versioned from
    is_default  BOOLEAN NOT NULL DEFAULT 0,
    frozen      BOOLEAN NOT NULL DEFAULT 0,          -- true once a launched cycle uses it
    archived    BOOLEAN NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE form_sections (
    id          TEXT PRIMARY KEY NOT NULL,
    template_id TEXT NOT NULL REFERENCES form_templates(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_id    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    help_id     TEXT NOT NULL DEFAULT '',
    help_en     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX form_sections_template_idx ON form_sections (template_id, position);

CREATE TABLE form_questions (
    id            TEXT PRIMARY KEY NOT NULL,
    section_id    TEXT NOT NULL REFERENCES form_sections(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rating', 'text', 'competency_rating', 'strengths', 'weaknesses', 'goals')),
    side          TEXT NOT NULL CHECK (side IN ('self', 'manager', 'both')),
    prompt_id     TEXT NOT NULL,
    prompt_en     TEXT NOT NULL,
    help_id       TEXT NOT NULL DEFAULT '',
    help_en       TEXT NOT NULL DEFAULT '',
    competency_id TEXT REFERENCES competencies(id),
    required      BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX form_questions_section_idx ON form_questions (section_id, position);

CREATE TABLE review_cycles (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    template_id    TEXT NOT NULL REFERENCES form_templates(id),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'open', 'closed')),
    opens_on       DATE NOT NULL,
    self_due_on    DATE NOT NULL,
    manager_due_on DATE NOT NULL,
    ack_due_on     DATE NOT NULL,
    closes_on      DATE NOT NULL,
    reminder_days  TEXT NOT NULL DEFAULT '7,2,0',
    dates_sequence INTEGER NOT NULL DEFAULT 0,      -- bumped on every date change (iCalendar SEQUENCE)
    created_by     TEXT REFERENCES people(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    launched_at    TIMESTAMP,
    closed_at      TIMESTAMP
);
CREATE INDEX review_cycles_status_idx ON review_cycles (status, opens_on);

-- Who takes part in a cycle before it is launched (launch turns these into reviews).
CREATE TABLE cycle_participants (
    cycle_id  TEXT NOT NULL REFERENCES review_cycles(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (cycle_id, person_id)
);

CREATE TABLE reviews (
    id                   TEXT PRIMARY KEY NOT NULL,
    cycle_id             TEXT NOT NULL REFERENCES review_cycles(id),
    person_id            TEXT NOT NULL REFERENCES people(id),
    manager_id           TEXT REFERENCES people(id),       -- frozen at launch
    job_title            TEXT NOT NULL DEFAULT '',          -- frozen at launch
    job_description      TEXT NOT NULL DEFAULT '',          -- frozen at launch: the baseline
    state                TEXT NOT NULL CHECK (state IN ('self_assessment', 'manager_review', 'shared', 'acknowledged', 'unfinished', 'removed')),
    self_version         INTEGER NOT NULL DEFAULT 0,
    manager_version      INTEGER NOT NULL DEFAULT 0,
    self_submitted_at    TIMESTAMP,
    shared_at            TIMESTAMP,
    acknowledged_at      TIMESTAMP,
    acknowledgement_response TEXT NOT NULL DEFAULT '',
    manager_summary      TEXT NOT NULL DEFAULT '',
    team_summary         TEXT NOT NULL DEFAULT '',          -- a manager's own self-evaluation summary for their team
    team_summary_published_at TIMESTAMP,
    reopened_reason      TEXT NOT NULL DEFAULT '',
    reopened_at          TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, person_id)
);
CREATE INDEX reviews_person_idx ON reviews (person_id, created_at);
CREATE INDEX reviews_manager_idx ON reviews (manager_id, cycle_id);
CREATE INDEX reviews_cycle_state_idx ON reviews (cycle_id, state);

CREATE TABLE answers (
    id          TEXT PRIMARY KEY NOT NULL,
    review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL REFERENCES form_questions(id),
    side        TEXT NOT NULL CHECK (side IN ('self', 'manager')),
    rating      INTEGER,
    body        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT REFERENCES people(id),
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (review_id, question_id, side)
);

CREATE TABLE strengths_weaknesses (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people(id),
    review_id     TEXT REFERENCES reviews(id) ON DELETE CASCADE,
    competency_id TEXT REFERENCES competencies(id),
    kind          TEXT NOT NULL CHECK (kind IN ('strength', 'weakness')),
    side          TEXT NOT NULL CHECK (side IN ('self', 'manager')),
    stance        TEXT NOT NULL DEFAULT 'own' CHECK (stance IN ('own', 'agree', 'adjust')),
    responds_to_id TEXT REFERENCES strengths_weaknesses(id) ON DELETE SET NULL,  -- the employee's record a manager agrees with or adjusts
    body          TEXT NOT NULL,
    author_id     TEXT REFERENCES people(id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX strengths_weaknesses_person_idx ON strengths_weaknesses (person_id, kind);
CREATE INDEX strengths_weaknesses_review_idx ON strengths_weaknesses (review_id);

CREATE TABLE comments (
    id            TEXT PRIMARY KEY NOT NULL,
    review_id     TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    author_id     TEXT NOT NULL REFERENCES people(id),
    parent_id     TEXT REFERENCES comments(id),            -- an employee response points at the comment
    section_id    TEXT REFERENCES form_sections(id),
    competency_id TEXT REFERENCES competencies(id),
    kind          TEXT NOT NULL CHECK (kind IN ('manager_comment', 'employee_response')),
    visibility    TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
    body          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX comments_review_idx ON comments (review_id, created_at);

CREATE TABLE goals (
    id             TEXT PRIMARY KEY NOT NULL,
    person_id      TEXT NOT NULL REFERENCES people(id),
    review_id      TEXT REFERENCES reviews(id) ON DELETE SET NULL,  -- the review that agreed it
    carried_from_id TEXT REFERENCES goals(id),
    kind           TEXT NOT NULL CHECK (kind IN ('development', 'improvement')),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    support_needed TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'dropped')),
    due_on         DATE,
    author_id      TEXT REFERENCES people(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX goals_person_idx ON goals (person_id, status);
CREATE INDEX goals_review_idx ON goals (review_id);

CREATE TABLE journal_entries (
    id         TEXT PRIMARY KEY NOT NULL,
    author_id  TEXT NOT NULL REFERENCES people(id),
    subject_id TEXT NOT NULL REFERENCES people(id),   -- = author for a person's own journal; a report for a manager's notes
    entry_on   DATE NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'incident', 'win', 'customer_feedback')),
    body       TEXT NOT NULL,
    visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'shared')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_entries_author_idx ON journal_entries (author_id, subject_id, entry_on);
CREATE INDEX journal_entries_subject_idx ON journal_entries (subject_id, entry_on);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL,
    review_id  TEXT REFERENCES reviews(id) ON DELETE CASCADE,
    details    TEXT NOT NULL DEFAULT '',
    actor_id   TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_person_idx ON notifications (person_id, read_at, created_at);

CREATE TABLE email_outbox (
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
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    leased_by       TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX email_outbox_due_idx ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_cycle_idx ON email_outbox (cycle_id, created_at);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY NOT NULL,
    at           TIMESTAMP NOT NULL,
    actor_id     TEXT REFERENCES people(id),
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    review_id    TEXT,
    cycle_id     TEXT,
    details      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_review_idx ON audit_log (review_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,   -- SHA-256 of the cookie's token; the token itself is never stored
    person_id    TEXT NOT NULL REFERENCES people(id),
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL           -- absolute limit
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation', 'password_reset')),
    person_id  TEXT REFERENCES people(id),
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX one_time_tokens_person_idx ON one_time_tokens (person_id, purpose);

CREATE TABLE login_attempts (
    id        TEXT PRIMARY KEY NOT NULL,
    at        TIMESTAMP NOT NULL,
    email     TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (client_ip, at);

-- Browsers a person has signed in from: they are not held back by failed
-- sign-ins against that person's account made elsewhere.
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX trusted_devices_person_idx ON trusted_devices (person_id);

-- A form that arrived after its session had ended: kept, and saved for the
-- same person once they sign in again (nothing typed is lost).
CREATE TABLE form_stash (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people(id),
    path       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX form_stash_person_idx ON form_stash (person_id);
