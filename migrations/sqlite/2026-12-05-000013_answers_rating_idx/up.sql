-- The fair-ratings page counts a cycle's ratings (150,000 at 10,000 people)
-- by side and question. An answer row carries its text, so reading ratings
-- from the table read every text with them (SQLite: overflow pages); this
-- index holds what the counts need, and they are read from it alone.
CREATE INDEX answers_rating_idx ON answers (review_id, side, question_id, rating);
