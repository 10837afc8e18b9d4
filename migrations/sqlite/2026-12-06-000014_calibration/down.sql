DROP INDEX rating_adjustments_review_idx;
DROP TABLE rating_adjustments;
ALTER TABLE reviews DROP COLUMN handed_in_at;
DROP TABLE cycle_calibrations;
