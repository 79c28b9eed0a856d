-- Quantities say what their figure is (count, money, share, measure), which measure and currency, the period of a
-- rate, the counted noun, and the other mentions of the same figure (JSON [[start,end],...]). Estimates keep kind,
-- currency and period so that fusion compares like with like.
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS kind TEXT;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS measure TEXT;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS currency TEXT;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS per TEXT;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS noun TEXT;
ALTER TABLE quantities ADD COLUMN IF NOT EXISTS mentions TEXT;
ALTER TABLE estimates ADD COLUMN IF NOT EXISTS kind TEXT;
ALTER TABLE estimates ADD COLUMN IF NOT EXISTS currency TEXT;
ALTER TABLE estimates ADD COLUMN IF NOT EXISTS per TEXT;
