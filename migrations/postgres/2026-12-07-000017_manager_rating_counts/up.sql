-- How many of each review's manager ratings are 1, 2, 3, 4 and 5, kept by
-- the database itself whenever a manager rating is written, changed or
-- removed, whatever writes it. The fair-ratings page and the calibration
-- list read one narrow row per review instead of counting 150,000 ratings
-- (docs/performance.md). Ratings are 1 to 5 (domain::review::RATING_MAX).
-- Each row belongs to one review, so concurrent saves of different reviews
-- never wait on each other here.
CREATE TABLE review_manager_ratings (
    review_id TEXT PRIMARY KEY NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    c1 INTEGER NOT NULL DEFAULT 0,
    c2 INTEGER NOT NULL DEFAULT 0,
    c3 INTEGER NOT NULL DEFAULT 0,
    c4 INTEGER NOT NULL DEFAULT 0,
    c5 INTEGER NOT NULL DEFAULT 0
);

INSERT INTO review_manager_ratings (review_id, c1, c2, c3, c4, c5)
SELECT review_id, COUNT(*) FILTER (WHERE rating = 1), COUNT(*) FILTER (WHERE rating = 2),
       COUNT(*) FILTER (WHERE rating = 3), COUNT(*) FILTER (WHERE rating = 4),
       COUNT(*) FILTER (WHERE rating = 5)
FROM answers WHERE side = 'manager' AND rating BETWEEN 1 AND 5
GROUP BY review_id;

CREATE FUNCTION review_manager_ratings_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.side = 'manager' AND OLD.rating BETWEEN 1 AND 5 THEN
        UPDATE review_manager_ratings SET
            c1 = c1 - (OLD.rating = 1)::int, c2 = c2 - (OLD.rating = 2)::int,
            c3 = c3 - (OLD.rating = 3)::int, c4 = c4 - (OLD.rating = 4)::int,
            c5 = c5 - (OLD.rating = 5)::int
        WHERE review_id = OLD.review_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.side = 'manager' AND NEW.rating BETWEEN 1 AND 5 THEN
        INSERT INTO review_manager_ratings AS h (review_id, c1, c2, c3, c4, c5)
        VALUES (NEW.review_id, (NEW.rating = 1)::int, (NEW.rating = 2)::int,
                (NEW.rating = 3)::int, (NEW.rating = 4)::int, (NEW.rating = 5)::int)
        ON CONFLICT (review_id) DO UPDATE SET
            c1 = h.c1 + EXCLUDED.c1, c2 = h.c2 + EXCLUDED.c2, c3 = h.c3 + EXCLUDED.c3,
            c4 = h.c4 + EXCLUDED.c4, c5 = h.c5 + EXCLUDED.c5;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER review_manager_ratings_added_or_removed
    AFTER INSERT OR DELETE ON answers
    FOR EACH ROW EXECUTE FUNCTION review_manager_ratings_follow();

CREATE TRIGGER review_manager_ratings_changed
    AFTER UPDATE OF rating, side, review_id ON answers
    FOR EACH ROW
    WHEN (OLD.rating IS DISTINCT FROM NEW.rating OR OLD.side IS DISTINCT FROM NEW.side
          OR OLD.review_id IS DISTINCT FROM NEW.review_id)
    EXECUTE FUNCTION review_manager_ratings_follow();
