-- Map and timeline queries. Every event is filed under one day (its own time, else the report's date) in a narrow
-- index table kept by triggers. Its covering index answers a bounding box + time range + type map query without
-- touching the events or articles tables.
CREATE TABLE event_index (
    event_rowid  INTEGER PRIMARY KEY,        -- events.rowid
    analysis_id  INTEGER NOT NULL,
    local_id     TEXT NOT NULL,
    type         TEXT NOT NULL,
    day          TEXT,
    lat          REAL,
    lon          REAL,
    precision    TEXT,
    country      TEXT,
    location     TEXT
);
INSERT INTO event_index(event_rowid, analysis_id, local_id, type, day, lat, lon, precision, country, location)
SELECT e.rowid, e.analysis_id, e.local_id, e.type, COALESCE(e.time_start, ar.published), e.lat, e.lon, e.precision, e.country, e.location
FROM events e JOIN analyses a ON a.id = e.analysis_id JOIN articles ar ON ar.id = a.article_id;
CREATE TRIGGER events_index_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_index(event_rowid, analysis_id, local_id, type, day, lat, lon, precision, country, location)
    VALUES (new.rowid, new.analysis_id, new.local_id, new.type,
            COALESCE(new.time_start, (SELECT ar.published FROM analyses a JOIN articles ar ON ar.id = a.article_id WHERE a.id = new.analysis_id)),
            new.lat, new.lon, new.precision, new.country, new.location);
END;
CREATE TRIGGER events_index_ad AFTER DELETE ON events BEGIN
    DELETE FROM event_index WHERE event_rowid = old.rowid;
END;
CREATE INDEX event_index_type_day ON event_index(type, day, lat, lon, analysis_id, local_id, precision, country, location);
CREATE INDEX event_index_day ON event_index(day, lat, lon, analysis_id, local_id, type, precision, country, location);
CREATE INDEX claims_event ON claims(analysis_id, event_local_id);
CREATE INDEX articles_outlet ON articles(outlet);
