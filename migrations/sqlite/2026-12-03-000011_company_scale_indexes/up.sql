-- Company scale (10,000 people, years of history): indexes for the pages HR
-- opens every day, so none of them reads a whole wide table.

-- The audit log pages by key (at, id), newest first, with or without an
-- action filter; no OFFSET and no count of every row.
CREATE INDEX audit_log_at_id_idx ON audit_log (at, id);
CREATE INDEX audit_log_action_at_idx ON audit_log (action, at, id);
DROP INDEX audit_log_at_idx;

-- The people list and its search read this narrow index in name order
-- instead of the rows, which carry a job description of a kilobyte or more.
CREATE INDEX people_list_idx ON people (active, name, id, email, job_title, department, manager_id, role);

-- Active people counted on HR's home: the narrowest index to count from.
CREATE INDEX people_active_idx ON people (active);

-- People invited but without a password yet, counted on HR's home.
CREATE INDEX people_invited_idx ON people (active) WHERE password_hash IS NULL;

-- A cycle's reviews in people's name order: from each person to their
-- review in the cycle.
CREATE INDEX reviews_person_cycle_idx ON reviews (person_id, cycle_id);
