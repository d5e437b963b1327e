-- Every generated value is labelled where it is stored, so that every answer built from it can say so (issue 20).

-- A measurement generated for the demo (sample) rather than reported or published; note: remarks on the figure
-- (how it was derived, what it is not comparable with), beside its source.
ALTER TABLE measurement ADD COLUMN sample boolean NOT NULL DEFAULT false;
ALTER TABLE measurement ADD COLUMN note text;

-- sample: the site is a sample portal: its counter and every figure of it are generated.
-- sample_from, sample_until: the site's traffic in [sample_from, sample_until) is generated (its buckets, stored
-- or empty, are sample), and its counter before sample_until is generated or derived from generated traffic (the
-- seed portal's offset is chosen so that the counter meets a published reading at sample_until).
ALTER TABLE site ADD COLUMN sample boolean NOT NULL DEFAULT false;
ALTER TABLE site ADD COLUMN sample_from timestamptz;
ALTER TABLE site ADD COLUMN sample_until timestamptz;
ALTER TABLE site ADD CHECK (sample_until > sample_from);

-- topPages says whether a page's views in the range include generated ones: the flag joins the index it reads.
DROP INDEX page_day_site_idx;
CREATE INDEX page_day_site_idx ON page_day (site_code, day) INCLUDE (page_id, views, sample);
