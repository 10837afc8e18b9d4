DROP TRIGGER review_manager_ratings_changed ON answers;
DROP TRIGGER review_manager_ratings_added_or_removed ON answers;
DROP FUNCTION review_manager_ratings_follow();
DROP TABLE review_manager_ratings;
