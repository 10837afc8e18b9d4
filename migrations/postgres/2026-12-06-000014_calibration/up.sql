-- Calibration: a step between the manager review and sharing, turned on per
-- review cycle. A cycle has it when it has a row here. Managers hand their
-- reviews in; HR (and, if HR allows, a manager's own manager) adjusts final
-- ratings with a reason; locking the step shares every review handed in.
CREATE TABLE cycle_calibrations (
    cycle_id          TEXT PRIMARY KEY NOT NULL REFERENCES review_cycles(id),
    due_on            DATE NOT NULL,
    -- Does the employee read the final (calibrated) rating, or the one their
    -- manager gave?
    final_visible     BOOLEAN NOT NULL DEFAULT FALSE,
    -- May a manager calibrate the reviews written by managers below them?
    by_managers       BOOLEAN NOT NULL DEFAULT FALSE,
    locked_at         TIMESTAMP,
    locked_by         TEXT REFERENCES people(id)
);

-- The manager finished the manager review for calibration: it is read-only
-- to them from then on, until it is shared or HR reopens it.
ALTER TABLE reviews ADD COLUMN handed_in_at TIMESTAMP;

-- Every change of a final rating, never updated or deleted: who, when, why,
-- before and after. The newest row of a question is its final rating.
CREATE TABLE rating_adjustments (
    id             TEXT PRIMARY KEY NOT NULL,
    review_id      TEXT NOT NULL REFERENCES reviews(id),
    question_id    TEXT NOT NULL REFERENCES form_questions(id),
    rating_before  INTEGER,
    rating_after   INTEGER NOT NULL CHECK (rating_after BETWEEN 1 AND 5),
    reason         TEXT NOT NULL,
    adjusted_by    TEXT REFERENCES people(id),
    adjusted_at    TIMESTAMP NOT NULL
);
CREATE INDEX rating_adjustments_review_idx ON rating_adjustments (review_id, question_id, adjusted_at);
