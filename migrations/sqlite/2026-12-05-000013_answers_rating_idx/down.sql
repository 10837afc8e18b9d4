DROP INDEX answers_rating_idx;
