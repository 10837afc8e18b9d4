DROP INDEX IF EXISTS people_search_title_idx;
DROP INDEX IF EXISTS people_search_name_idx;
DROP INDEX IF EXISTS people_search_email_idx;
