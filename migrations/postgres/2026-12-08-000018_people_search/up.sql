-- People search finds any part of a name, email or job title
-- (`email LIKE p OR lower(name) LIKE p OR lower(job_title) LIKE p`). Without
-- an index that means reading every person for every search. pg_trgm's
-- trigram indexes answer each of the three LIKEs from the matching people
-- alone. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension:
-- the database's owner may create it. Where it cannot be created, Cermin
-- works as before and a search reads every person.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): people search reads every person', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX people_search_email_idx ON people USING gin (email gin_trgm_ops);
        CREATE INDEX people_search_name_idx ON people USING gin (lower(name) gin_trgm_ops);
        CREATE INDEX people_search_title_idx ON people USING gin (lower(job_title) gin_trgm_ops);
    END IF;
END
$$;
