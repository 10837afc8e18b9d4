DROP TRIGGER people_search_removed;
DROP TRIGGER people_search_changed;
DROP TRIGGER people_search_added;
DROP TABLE people_search;
