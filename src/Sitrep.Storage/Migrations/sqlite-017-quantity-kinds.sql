-- Quantities say what their figure is (count, money, share, measure), which measure and currency, the period of a
-- rate, the counted noun, and the other mentions of the same figure (JSON [[start,end],...]). Estimates keep kind,
-- currency and period so that fusion compares like with like.
ALTER TABLE quantities ADD COLUMN kind TEXT;
ALTER TABLE quantities ADD COLUMN measure TEXT;
ALTER TABLE quantities ADD COLUMN currency TEXT;
ALTER TABLE quantities ADD COLUMN per TEXT;
ALTER TABLE quantities ADD COLUMN noun TEXT;
ALTER TABLE quantities ADD COLUMN mentions TEXT;
ALTER TABLE estimates ADD COLUMN kind TEXT;
ALTER TABLE estimates ADD COLUMN currency TEXT;
ALTER TABLE estimates ADD COLUMN per TEXT;
