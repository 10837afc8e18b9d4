-- How many of each review's manager ratings are 1, 2, 3, 4 and 5, kept by
-- the database itself whenever a manager rating is written, changed or
-- removed, whatever writes it. The fair-ratings page and the calibration
-- list read one narrow row per review instead of counting 150,000 ratings
-- (docs/performance.md). Ratings are 1 to 5 (domain::review::RATING_MAX).
CREATE TABLE review_manager_ratings (
    review_id TEXT PRIMARY KEY NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    c1 INTEGER NOT NULL DEFAULT 0,
    c2 INTEGER NOT NULL DEFAULT 0,
    c3 INTEGER NOT NULL DEFAULT 0,
    c4 INTEGER NOT NULL DEFAULT 0,
    c5 INTEGER NOT NULL DEFAULT 0
);

INSERT INTO review_manager_ratings (review_id, c1, c2, c3, c4, c5)
SELECT review_id, SUM(rating = 1), SUM(rating = 2), SUM(rating = 3), SUM(rating = 4),
       SUM(rating = 5)
FROM answers WHERE side = 'manager' AND rating BETWEEN 1 AND 5
GROUP BY review_id;

CREATE TRIGGER review_manager_ratings_added AFTER INSERT ON answers
WHEN NEW.side = 'manager' AND NEW.rating BETWEEN 1 AND 5
BEGIN
    INSERT INTO review_manager_ratings (review_id, c1, c2, c3, c4, c5)
    VALUES (NEW.review_id, NEW.rating = 1, NEW.rating = 2, NEW.rating = 3, NEW.rating = 4,
            NEW.rating = 5)
    ON CONFLICT (review_id) DO UPDATE SET
        c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
        c4 = c4 + excluded.c4, c5 = c5 + excluded.c5;
END;

CREATE TRIGGER review_manager_ratings_changed AFTER UPDATE OF rating, side, review_id ON answers
WHEN (OLD.rating IS NOT NEW.rating OR OLD.side IS NOT NEW.side
      OR OLD.review_id IS NOT NEW.review_id)
  AND ((OLD.side = 'manager' AND OLD.rating BETWEEN 1 AND 5)
       OR (NEW.side = 'manager' AND NEW.rating BETWEEN 1 AND 5))
BEGIN
    UPDATE review_manager_ratings SET
        c1 = c1 - (OLD.rating = 1), c2 = c2 - (OLD.rating = 2), c3 = c3 - (OLD.rating = 3),
        c4 = c4 - (OLD.rating = 4), c5 = c5 - (OLD.rating = 5)
    WHERE review_id = OLD.review_id AND OLD.side = 'manager' AND OLD.rating BETWEEN 1 AND 5;
    INSERT INTO review_manager_ratings (review_id, c1, c2, c3, c4, c5)
    SELECT NEW.review_id, NEW.rating = 1, NEW.rating = 2, NEW.rating = 3, NEW.rating = 4,
           NEW.rating = 5
    WHERE NEW.side = 'manager' AND NEW.rating BETWEEN 1 AND 5
    ON CONFLICT (review_id) DO UPDATE SET
        c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
        c4 = c4 + excluded.c4, c5 = c5 + excluded.c5;
END;

CREATE TRIGGER review_manager_ratings_removed AFTER DELETE ON answers
WHEN OLD.side = 'manager' AND OLD.rating BETWEEN 1 AND 5
BEGIN
    UPDATE review_manager_ratings SET
        c1 = c1 - (OLD.rating = 1), c2 = c2 - (OLD.rating = 2), c3 = c3 - (OLD.rating = 3),
        c4 = c4 - (OLD.rating = 4), c5 = c5 - (OLD.rating = 5)
    WHERE review_id = OLD.review_id;
END;
