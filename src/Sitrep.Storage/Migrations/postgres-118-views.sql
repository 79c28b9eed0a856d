-- What the analyst views need (issue 18; as sqlite-118): events told as background, each event's trigger span, and
-- per cluster whether it is background and its first source.
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN trigger_start BIGINT;
ALTER TABLE events ADD COLUMN trigger_end BIGINT;
UPDATE events e SET background = 1
FROM analyses a JOIN articles ar ON ar.id = a.article_id
WHERE a.id = e.analysis_id AND e.time_end IS NOT NULL AND ar.published > to_char(to_date(e.time_end, 'YYYY-MM-DD') + 30, 'YYYY-MM-DD');
DROP INDEX events_type_day;
DROP INDEX events_day;
CREATE INDEX events_type_day ON events(type, day) INCLUDE (lat, lon, analysis_id, local_id, precision, country, location, background);
CREATE INDEX events_day ON events(day) INCLUDE (lat, lon, analysis_id, local_id, type, precision, country, location, background);
ALTER TABLE event_clusters ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_clusters ADD COLUMN first_source TEXT;
