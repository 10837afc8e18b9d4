-- "Strengths and weaknesses over time" counts the entries linked to a
-- competency over six cycles (260,000 rows at 10,000 people) and lists the
-- newest goals that ask for support. An entry row and a goal row carry
-- their texts, so the counts read them from this narrow index alone, and
-- the newest goals with support are found in date order from the partial
-- index instead of sorting every goal of six cycles. Measured on the
-- benchmark's SQLite database (docs/performance.md).
CREATE INDEX strengths_weaknesses_named_idx
    ON strengths_weaknesses (review_id, competency_id, kind, side, responds_to_id);

CREATE INDEX goals_support_idx ON goals (created_at, id) WHERE support_needed <> '';
