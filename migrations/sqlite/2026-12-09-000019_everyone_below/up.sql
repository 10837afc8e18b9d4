-- PostgreSQL gets a function that finds everyone below a person level by
-- level (see migrations/postgres). SQLite plans the recursive query in
-- `db::everyone_below` from the few people it starts with, so it needs none.
SELECT 1;
