-- Sitrep store, version 1. Every fact belongs to one analysis (a revision of one article) and carries its evidence.
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,           -- content hash of the text
    title        TEXT,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,                       -- yyyy-MM-dd
    language     TEXT,
    status       TEXT NOT NULL,              -- analysed | not analysed: <lang>
    source       TEXT,                       -- the input it came from (path, URL, feed item)
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE analyses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id       TEXT NOT NULL REFERENCES articles(id),
    revision         INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    model_versions   TEXT NOT NULL,          -- JSON: stage name -> model version
    is_current       INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (article_id, revision),
    UNIQUE (article_id, pipeline_version, model_versions)
);
CREATE INDEX analyses_current ON analyses(article_id, is_current);

CREATE TABLE actors (
    analysis_id  INTEGER NOT NULL REFERENCES analyses(id),
    local_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    affiliation  TEXT,
    role         TEXT,
    mentions     TEXT NOT NULL,              -- JSON [{start,end,text}]
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE places (
    analysis_id   INTEGER NOT NULL REFERENCES analyses(id),
    local_id      TEXT NOT NULL,
    name          TEXT NOT NULL,
    country       TEXT,
    admin1        TEXT,
    lat           REAL,
    lon           REAL,
    precision     TEXT NOT NULL,
    geonameid     INTEGER,
    feature_class TEXT,
    mentions      TEXT NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX places_name ON places(name);

CREATE TABLE times (
    analysis_id  INTEGER NOT NULL REFERENCES analyses(id),
    local_id     TEXT NOT NULL,
    text         TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    start_date   TEXT,
    end_date     TEXT,
    precision    TEXT NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);

CREATE TABLE events (
    analysis_id     INTEGER NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    actor           TEXT,
    target          TEXT,
    location        TEXT,
    lat             REAL,
    lon             REAL,
    precision       TEXT,
    country         TEXT,
    time_start      TEXT,
    time_end        TEXT,
    time_precision  TEXT,
    time_text       TEXT,
    quantity_ids    TEXT NOT NULL,           -- JSON array of local ids
    claim_ids       TEXT NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence_text   TEXT NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_time ON events(time_start);
CREATE INDEX events_latlon ON events(lat, lon);

CREATE TABLE quantities (
    analysis_id     INTEGER NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    text            TEXT NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    unit            TEXT NOT NULL,
    unit_text       TEXT,
    point           REAL,
    min             REAL,
    max             REAL,
    qualifier       TEXT,
    owner           TEXT,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence_text   TEXT NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX quantities_unit ON quantities(unit);

CREATE TABLE claims (
    analysis_id     INTEGER NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    source          TEXT NOT NULL,
    verb            TEXT NOT NULL,
    stance          TEXT NOT NULL,
    event_local_id  TEXT,
    content         TEXT,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence_text   TEXT NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX claims_source ON claims(source);

CREATE TABLE mentions (
    analysis_id  INTEGER NOT NULL REFERENCES analyses(id),
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX mentions_analysis ON mentions(analysis_id);

CREATE TABLE ingest_errors (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    input   TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
