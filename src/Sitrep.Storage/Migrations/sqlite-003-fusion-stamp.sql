-- The change stamp that each fusion's input reflected: a fusion can be skipped when nothing was stored since.
ALTER TABLE fusion_runs ADD COLUMN input_stamp TEXT;
