-- Nothing is shared by going back: a comment whose visibility was never chosen
-- becomes private.
UPDATE comments SET visibility = 'private' WHERE visibility IS NULL;
ALTER TABLE comments ALTER COLUMN visibility SET NOT NULL;
