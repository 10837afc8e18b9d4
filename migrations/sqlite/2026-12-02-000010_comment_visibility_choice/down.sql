-- Nothing is shared by going back: a comment whose visibility was never chosen
-- becomes private.
CREATE TABLE comments_old (
    id            TEXT PRIMARY KEY NOT NULL,
    review_id     TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    author_id     TEXT NOT NULL REFERENCES people(id),
    parent_id     TEXT REFERENCES comments(id),
    section_id    TEXT REFERENCES form_sections(id),
    competency_id TEXT REFERENCES competencies(id),
    kind          TEXT NOT NULL CHECK (kind IN ('manager_comment', 'employee_response')),
    visibility    TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
    body          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
INSERT INTO comments_old (id, review_id, author_id, parent_id, section_id, competency_id,
    kind, visibility, body, created_at, updated_at)
SELECT id, review_id, author_id, NULL, section_id, competency_id,
    kind, COALESCE(visibility, 'private'), body, created_at, updated_at
FROM comments;
CREATE TABLE comment_parents_tmp AS SELECT id, parent_id FROM comments WHERE parent_id IS NOT NULL;
DROP TABLE comments;
ALTER TABLE comments_old RENAME TO comments;
UPDATE comments SET parent_id = (SELECT p.parent_id FROM comment_parents_tmp p WHERE p.id = comments.id)
WHERE id IN (SELECT id FROM comment_parents_tmp);
DROP TABLE comment_parents_tmp;
CREATE INDEX comments_review_idx ON comments (review_id, created_at);
