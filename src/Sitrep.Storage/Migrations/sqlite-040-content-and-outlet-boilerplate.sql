-- Sitrep store, version 40 (issue #15): the report's own text and per-outlet boilerplate.
-- articles.content holds the text the content stage kept (its spans joined by blank lines); NULL when the whole text
-- is the report's (plain reports, or stored before this version). Full-text search and reprint detection read
-- COALESCE(content, text), so site chrome shared by an outlet's pages neither matches a search nor makes two
-- articles look like reprints.
ALTER TABLE articles ADD COLUMN content TEXT;

DROP TRIGGER IF EXISTS articles_ai;
DROP TRIGGER IF EXISTS articles_ad;
DROP TABLE IF EXISTS articles_fts;
CREATE VIEW articles_search AS SELECT rowid AS rowid, title, COALESCE(content, text) AS body FROM articles;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles_search', content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, COALESCE(new.content, new.text));
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, COALESCE(old.content, old.text));
END;
CREATE TRIGGER articles_au AFTER UPDATE OF content ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, COALESCE(old.content, old.text));
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, COALESCE(new.content, new.text));
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- Per-outlet boilerplate learned from the corpus: which lines (by the hash of their words, Sitrep.Core.TextLines)
-- recur on how many stored pages of one outlet (the URL's host without "www.", else the outlet name). A line that
-- recurs on earlier pages of the outlet is site chrome, so the second page of a site is cleaned better than the first.
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
