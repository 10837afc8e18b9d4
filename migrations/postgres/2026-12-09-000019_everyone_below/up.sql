-- Everyone below a person in today's reporting lines, at any depth: the
-- people of a manager's progress page, calibration list and insights.
--
-- A recursive query gives PostgreSQL's planner no idea of its size: it takes
-- "everyone below" a team lead with 12 reports for 14,000 people, hashes the
-- whole people table at each step and again to join the result, and a team
-- lead's progress page took 11 ms where SQLite takes 0.5 (docs/performance.md,
-- "Finding: the manager's progress on PostgreSQL"). This function walks the
-- lines one level at a time, each level an index lookup by manager, and
-- gives the planner a fixed estimate. ROWS 1000 measured best of 50 to
-- 10,000 on the benchmark's 10,000 people: a team lead's two statements
-- 0.8 ms (11 ms before), a director's whole organisation 171 ms (133 ms
-- before, the one view that lost).
--
-- Loops in the reporting lines are refused when a manager is set; should one
-- be made outside Cermin, the walk stops after 64 levels (its people appear
-- more than once, which `IN (...)` ignores).
CREATE FUNCTION everyone_below(boss text) RETURNS SETOF text
LANGUAGE plpgsql STABLE ROWS 1000 AS $$
DECLARE
    level text[] := ARRAY[boss];
    depth integer := 0;
BEGIN
    LOOP
        SELECT array_agg(p.id) INTO level FROM people p WHERE p.manager_id = ANY (level);
        EXIT WHEN level IS NULL;
        RETURN QUERY SELECT unnest(level);
        depth := depth + 1;
        EXIT WHEN depth >= 64;
    END LOOP;
END
$$;
