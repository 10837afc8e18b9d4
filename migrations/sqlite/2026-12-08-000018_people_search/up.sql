-- People search finds any part of a name, email or job title. Without an
-- index that means reading every person for every search (at 10,000 people,
-- a p99 of 150 ms under load: docs/performance.md). A trigram full-text
-- index answers a search of three or more characters from the matching
-- people alone. It is kept by triggers, whatever writes to people.
--
-- It is keyed by the person's id, not by rowid: `VACUUM INTO` (cermin
-- backup) may renumber the rowids of `people`. The id is indexed too, so a
-- trigger finds a person's entry without reading the table; searches name
-- the three searchable columns and never match an id.
CREATE VIRTUAL TABLE people_search USING fts5(
    person_id, name, email, job_title,
    tokenize = 'trigram'
);

INSERT INTO people_search (person_id, name, email, job_title)
SELECT id, name, email, job_title FROM people;

CREATE TRIGGER people_search_added AFTER INSERT ON people
BEGIN
    INSERT INTO people_search (person_id, name, email, job_title)
    VALUES (NEW.id, NEW.name, NEW.email, NEW.job_title);
END;

CREATE TRIGGER people_search_changed AFTER UPDATE OF id, name, email, job_title ON people
BEGIN
    DELETE FROM people_search
    WHERE people_search MATCH 'person_id : "' || OLD.id || '"' AND person_id = OLD.id;
    INSERT INTO people_search (person_id, name, email, job_title)
    VALUES (NEW.id, NEW.name, NEW.email, NEW.job_title);
END;

CREATE TRIGGER people_search_removed AFTER DELETE ON people
BEGIN
    DELETE FROM people_search
    WHERE people_search MATCH 'person_id : "' || OLD.id || '"' AND person_id = OLD.id;
END;
