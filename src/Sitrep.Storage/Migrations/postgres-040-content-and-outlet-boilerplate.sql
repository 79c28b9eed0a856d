-- Sitrep store on PostgreSQL, version 40 (issue #15): the same as sqlite-040. articles.content holds the text the
-- content stage kept (NULL: the whole text); the search vector and reprint detection read COALESCE(content, text).
ALTER TABLE articles ADD COLUMN content TEXT;
ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN search TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('english', COALESCE(title, '')), 'A') ||
    setweight(to_tsvector('english', left(COALESCE(content, text), 200000)), 'B')) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);

-- Per-outlet boilerplate: lines (by hash) that recur on stored pages of one outlet.
CREATE TABLE outlet_pages (
    outlet      TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (outlet, article_id)
);
CREATE TABLE outlet_lines (
    outlet  TEXT NOT NULL,
    hash    BIGINT NOT NULL,
    pages   INTEGER NOT NULL,
    PRIMARY KEY (outlet, hash)
);
