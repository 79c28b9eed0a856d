-- Sitrep store on PostgreSQL, version 1: the same tables and columns as sqlite-001, with a tsvector column for
-- full-text search and plain latitude/longitude indexes (PostGIS is not required).
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,           -- content hash of the text
    seq          BIGSERIAL NOT NULL UNIQUE,  -- insertion order (SQLite's rowid)
    title        TEXT,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,                       -- yyyy-MM-dd
    language     TEXT,
    status       TEXT NOT NULL,
    source       TEXT,
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    -- tsvector values are capped at 1 MB: index the title and the first 200,000 characters of the text.
    search       TSVECTOR GENERATED ALWAYS AS (
                   setweight(to_tsvector('english', COALESCE(title, '')), 'A') ||
                   setweight(to_tsvector('english', left(text, 200000)), 'B')) STORED
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE analyses (
    id               BIGSERIAL PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id),
    revision         BIGINT NOT NULL,
    pipeline_version TEXT NOT NULL,
    model_versions   TEXT NOT NULL,
    is_current       INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (article_id, revision),
    UNIQUE (article_id, pipeline_version, model_versions)
);
CREATE INDEX analyses_current ON analyses(article_id, is_current);

CREATE TABLE actors (
    analysis_id  BIGINT NOT NULL REFERENCES analyses(id),
    local_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    affiliation  TEXT,
    role         TEXT,
    mentions     TEXT NOT NULL,
    seq          BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE places (
    analysis_id   BIGINT NOT NULL REFERENCES analyses(id),
    local_id      TEXT NOT NULL,
    name          TEXT NOT NULL,
    country       TEXT,
    admin1        TEXT,
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    precision     TEXT NOT NULL,
    geonameid     BIGINT,
    feature_class TEXT,
    mentions      TEXT NOT NULL,
    seq           BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX places_name ON places(name);
CREATE INDEX places_latlon ON places(lat, lon);

CREATE TABLE times (
    analysis_id  BIGINT NOT NULL REFERENCES analyses(id),
    local_id     TEXT NOT NULL,
    text         TEXT NOT NULL,
    span_start   BIGINT NOT NULL,
    span_end     BIGINT NOT NULL,
    start_date   TEXT,
    end_date     TEXT,
    precision    TEXT NOT NULL,
    seq          BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);

CREATE TABLE events (
    analysis_id     BIGINT NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    actor           TEXT,
    target          TEXT,
    location        TEXT,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    precision       TEXT,
    country         TEXT,
    time_start      TEXT,
    time_end        TEXT,
    time_precision  TEXT,
    time_text       TEXT,
    quantity_ids    TEXT NOT NULL,
    claim_ids       TEXT NOT NULL,
    evidence_start  BIGINT NOT NULL,
    evidence_end    BIGINT NOT NULL,
    evidence_text   TEXT NOT NULL,
    seq             BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_time ON events(time_start);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_lon ON events(lon);

CREATE TABLE quantities (
    analysis_id     BIGINT NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    text            TEXT NOT NULL,
    span_start      BIGINT NOT NULL,
    span_end        BIGINT NOT NULL,
    unit            TEXT NOT NULL,
    unit_text       TEXT,
    point           DOUBLE PRECISION,
    min             DOUBLE PRECISION,
    max             DOUBLE PRECISION,
    qualifier       TEXT,
    owner           TEXT,
    evidence_start  BIGINT NOT NULL,
    evidence_end    BIGINT NOT NULL,
    evidence_text   TEXT NOT NULL,
    seq             BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX quantities_unit ON quantities(unit);

CREATE TABLE claims (
    analysis_id     BIGINT NOT NULL REFERENCES analyses(id),
    local_id        TEXT NOT NULL,
    source          TEXT NOT NULL,
    verb            TEXT NOT NULL,
    stance          TEXT NOT NULL,
    event_local_id  TEXT,
    content         TEXT,
    evidence_start  BIGINT NOT NULL,
    evidence_end    BIGINT NOT NULL,
    evidence_text   TEXT NOT NULL,
    seq             BIGSERIAL NOT NULL,
    PRIMARY KEY (analysis_id, local_id)
);
CREATE INDEX claims_source ON claims(source);

CREATE TABLE mentions (
    analysis_id  BIGINT NOT NULL REFERENCES analyses(id),
    span_start   BIGINT NOT NULL,
    span_end     BIGINT NOT NULL,
    type         TEXT NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX mentions_analysis ON mentions(analysis_id);

CREATE TABLE ingest_errors (
    id      BIGSERIAL PRIMARY KEY,
    input   TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
