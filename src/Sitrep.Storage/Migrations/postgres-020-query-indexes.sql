-- Map and timeline queries (as sqlite-020): every event is filed under one day (its own time, else the report's
-- date). PostgreSQL keeps the day on the event row itself, set by a trigger, with covering indexes for the map query.
ALTER TABLE events ADD COLUMN day TEXT;
UPDATE events e SET day = COALESCE(e.time_start, ar.published)
FROM analyses a JOIN articles ar ON ar.id = a.article_id
WHERE a.id = e.analysis_id;
CREATE FUNCTION events_set_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.day IS NULL THEN
        NEW.day := COALESCE(NEW.time_start,
            (SELECT ar.published FROM analyses a JOIN articles ar ON ar.id = a.article_id WHERE a.id = NEW.analysis_id));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_day BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_set_day();
CREATE INDEX events_type_day ON events(type, day) INCLUDE (lat, lon, analysis_id, local_id, precision, country, location);
CREATE INDEX events_day ON events(day) INCLUDE (lat, lon, analysis_id, local_id, type, precision, country, location);
CREATE INDEX claims_event ON claims(analysis_id, event_local_id);
CREATE INDEX articles_outlet ON articles(lower(outlet));
