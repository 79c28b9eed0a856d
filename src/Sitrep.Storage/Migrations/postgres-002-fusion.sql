-- Sitrep store on PostgreSQL, version 2: reprint groups and fusion across documents; the same tables and columns as
-- sqlite-002 (and sqlite-003's input stamp). Everything below is derived data: `sitrep fuse` can rebuild it.
CREATE TABLE reprints (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id),
    group_id     TEXT NOT NULL,
    text_hash    TEXT NOT NULL,
    shingles     BIGINT NOT NULL,
    similarity   DOUBLE PRECISION NOT NULL,
    signature    TEXT NOT NULL,
    seq          BIGSERIAL NOT NULL          -- assignment order (SQLite's rowid)
);
CREATE INDEX reprints_group ON reprints(group_id);
CREATE INDEX reprints_text_hash ON reprints(text_hash, seq);

CREATE TABLE reprint_bands (
    band        INTEGER NOT NULL,
    hash        BIGINT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, hash, article_id)
);

CREATE TABLE event_clusters (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    mode             TEXT,
    actor            TEXT,
    target           TEXT,
    location         TEXT,
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    precision        TEXT,
    country          TEXT,
    time_start       TEXT,
    time_end         TEXT,
    reports          BIGINT NOT NULL,
    sources          BIGINT NOT NULL,
    claims           BIGINT NOT NULL,
    first_published  TEXT,
    last_published   TEXT
);
CREATE INDEX event_clusters_type ON event_clusters(type);
CREATE INDEX event_clusters_time ON event_clusters(time_start);

CREATE TABLE cluster_members (
    cluster_id      TEXT NOT NULL REFERENCES event_clusters(id),
    article_id      TEXT NOT NULL,
    event_local_id  TEXT NOT NULL,
    reprint_group   TEXT NOT NULL,
    PRIMARY KEY (article_id, event_local_id)
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);

CREATE TABLE estimates (
    article_id      TEXT NOT NULL,
    local_id        TEXT NOT NULL,
    quantity_key    TEXT NOT NULL,
    unit            TEXT NOT NULL,
    owner           TEXT,
    place           TEXT,
    cluster_id      TEXT,
    text            TEXT NOT NULL,
    point           DOUBLE PRECISION,
    min             DOUBLE PRECISION,
    max             DOUBLE PRECISION,
    low             DOUBLE PRECISION,
    high            DOUBLE PRECISION,
    qualifier       TEXT,
    claimant        TEXT NOT NULL,
    published       TEXT,
    reprint_group   TEXT NOT NULL,
    evidence_text   TEXT NOT NULL,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX estimates_key ON estimates(quantity_key);
CREATE INDEX estimates_unit ON estimates(unit);

CREATE TABLE contradictions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    a_article   TEXT NOT NULL,
    a_local_id  TEXT NOT NULL,
    a_source    TEXT NOT NULL,
    a_text      TEXT NOT NULL,
    b_article   TEXT NOT NULL,
    b_local_id  TEXT NOT NULL,
    b_source    TEXT NOT NULL,
    b_text      TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX contradictions_kind ON contradictions(kind);

CREATE TABLE fusion_runs (
    id              BIGSERIAL PRIMARY KEY,
    at              TEXT NOT NULL,
    articles        BIGINT NOT NULL,
    clusters        BIGINT NOT NULL,
    estimates       BIGINT NOT NULL,
    contradictions  BIGINT NOT NULL,
    milliseconds    BIGINT NOT NULL,
    input_stamp     TEXT                     -- the store's change stamp that the fused input reflected
);
