-- A manager's comment may be kept as a draft before its author has chosen who
-- reads it: NULL means "not chosen yet". Such a comment reaches nobody but its
-- author and HR, and the review cannot be shared while one is left.
ALTER TABLE comments ALTER COLUMN visibility DROP NOT NULL;
