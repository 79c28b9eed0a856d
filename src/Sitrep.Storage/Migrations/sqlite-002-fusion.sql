-- Sitrep store, version 2: reprint groups and fusion across documents. Plain SQL (no SQLite-only types) so the
-- PostgreSQL store can use the same tables. Everything below is derived data: `sitrep fuse` can rebuild it.

-- One row per article: its reprint group (the id of the first stored article of the same story) and its MinHash
-- signature over word shingles, so one wire story carried by ten outlets counts as one independent source.
CREATE TABLE reprints (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id),
    group_id     TEXT NOT NULL,
    text_hash    TEXT NOT NULL,              -- hash of the normalised words: exact reprints
    shingles     INTEGER NOT NULL,           -- number of distinct shingles
    similarity   REAL NOT NULL,              -- estimated Jaccard similarity to the article it joined (1 for a group's first)
    signature    TEXT NOT NULL               -- base64 of the MinHash values
);
CREATE INDEX reprints_group ON reprints(group_id);
CREATE INDEX reprints_text_hash ON reprints(text_hash);

-- Locality-sensitive hashing bands of the signatures: articles sharing a band are candidate reprints.
CREATE TABLE reprint_bands (
    band        INTEGER NOT NULL,
    hash        BIGINT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, hash, article_id)
);

-- Reports of one real event grouped across documents.
CREATE TABLE event_clusters (
    id               TEXT PRIMARY KEY,       -- stable: derived from the first report's article and event ids
    type             TEXT NOT NULL,
    mode             TEXT,
    actor            TEXT,
    target           TEXT,
    location         TEXT,
    lat              REAL,
    lon              REAL,
    precision        TEXT,
    country          TEXT,
    time_start       TEXT,
    time_end         TEXT,
    reports          INTEGER NOT NULL,       -- articles
    sources          INTEGER NOT NULL,       -- independent sources (reprint groups)
    claims           INTEGER NOT NULL,
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

-- Estimates of one quantity (same unit, owner and place) from different sources, side by side.
CREATE TABLE estimates (
    article_id      TEXT NOT NULL,
    local_id        TEXT NOT NULL,
    quantity_key    TEXT NOT NULL,           -- unit|owner|place, lower case
    unit            TEXT NOT NULL,
    owner           TEXT,
    place           TEXT,
    cluster_id      TEXT,
    text            TEXT NOT NULL,
    point           REAL,
    min             REAL,
    max             REAL,
    low             REAL,                    -- the interval the hedge allows
    high            REAL,                    -- NULL: unbounded
    qualifier       TEXT,
    claimant        TEXT NOT NULL,
    published       TEXT,
    reprint_group   TEXT NOT NULL,
    evidence_text   TEXT NOT NULL,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX estimates_key ON estimates(quantity_key);
CREATE INDEX estimates_unit ON estimates(unit);

-- Independent sources that disagree: estimates whose intervals do not overlap, or a denial against an assertion.
CREATE TABLE contradictions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,               -- estimate | denial
    subject     TEXT NOT NULL,               -- quantity key or cluster id
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
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    articles        INTEGER NOT NULL,
    clusters        INTEGER NOT NULL,
    estimates       INTEGER NOT NULL,
    contradictions  INTEGER NOT NULL,
    milliseconds    INTEGER NOT NULL
);
