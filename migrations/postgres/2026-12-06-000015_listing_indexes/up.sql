-- Narrow indexes for the pages that walk a whole cycle at company scale
-- (progress, fair ratings, calibration). A review row and a person row are
-- wide (each carries a job description), and reading 10,000 of them to
-- reach a few short columns cost most of each page: with these, the counts
-- are read from the indexes alone. Measured on the benchmark's 10,000-person
-- SQLite database: progress counts 105 -> 27 ms, the calibration list
-- 90 -> 36 ms (docs/performance.md).

-- A person as lists show them: found by id, with name and department.
CREATE INDEX people_card_idx ON people (id, name, department);

-- A cycle's reviews with the columns the counts group and filter by, and
-- the dates the burn-down reads.
CREATE INDEX reviews_cycle_cover_idx
    ON reviews (cycle_id, state, handed_in_at, id, person_id, manager_id,
                self_submitted_at, shared_at, acknowledged_at);

-- The reviews handed in for calibration, in the order the list joins them.
CREATE INDEX reviews_handed_in_idx
    ON reviews (cycle_id, person_id, manager_id, state, id)
    WHERE handed_in_at IS NOT NULL;
