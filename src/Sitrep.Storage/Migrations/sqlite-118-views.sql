-- What the analyst views need (issue 18): events told as background (an earlier, known act; sitrep.Background.v1),
-- each event's trigger span (the views show the clause around it), and per cluster whether it is background and its
-- first source.
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
-- Analyses stored before the stage existed: an act dated more than 30 days before its report is background.
UPDATE events SET background = 1
WHERE time_end IS NOT NULL AND EXISTS (
    SELECT 1 FROM analyses a JOIN articles ar ON ar.id = a.article_id
    WHERE a.id = events.analysis_id AND ar.published > date(events.time_end, '+30 days'));
ALTER TABLE event_index ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
UPDATE event_index SET background = 1 WHERE event_rowid IN (SELECT rowid FROM events WHERE background = 1);
DROP TRIGGER events_index_ai;
CREATE TRIGGER events_index_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_index(event_rowid, analysis_id, local_id, type, day, lat, lon, precision, country, location, background)
    VALUES (new.rowid, new.analysis_id, new.local_id, new.type,
            COALESCE(new.time_start, (SELECT ar.published FROM analyses a JOIN articles ar ON ar.id = a.article_id WHERE a.id = new.analysis_id)),
            new.lat, new.lon, new.precision, new.country, new.location, new.background);
END;
DROP INDEX event_index_type_day;
DROP INDEX event_index_day;
CREATE INDEX event_index_type_day ON event_index(type, day, lat, lon, analysis_id, local_id, precision, country, location, background);
CREATE INDEX event_index_day ON event_index(day, lat, lon, analysis_id, local_id, type, precision, country, location, background);
ALTER TABLE event_clusters ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_clusters ADD COLUMN first_source TEXT;
