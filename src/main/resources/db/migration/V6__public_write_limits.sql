-- What anonymous clients may write (issue 18): hits count views but never change curated pages, and create at
-- most egov.traffic.max-pages-per-site pages per site; votes are capped per address and poll.

-- A curated page comes from the registration data (the demo loader, an operator, an analyst): its title is the
-- page's title, and no hit changes it. The beacon's writer creates pages with curated = false, with no title and
-- the first title a hit reported in reported_title, which later hits never change. Pages inserted by anyone else
-- are curated by default.
ALTER TABLE page ADD COLUMN curated boolean NOT NULL DEFAULT true;
ALTER TABLE page ADD COLUMN reported_title text;
-- Existing rows: the loaders gave every page they wrote a note (its provenance), the beacon's writer never did.
-- A page without a note was created by hits, and its title is the last one a hit reported: anonymous input,
-- kept apart as the reported title.
UPDATE page SET curated = false, reported_title = title, title = NULL WHERE note IS NULL;
ALTER TABLE page ADD CONSTRAINT page_title_curated CHECK (curated OR title IS NULL);
-- The cap counts a site's pages created by hits: read from this index alone.
CREATE INDEX page_created_idx ON page (site_code) WHERE NOT curated;

-- Votes per poll and client address, for the cap egov.poll.max-votes-per-address. address is an HMAC-SHA-256 of
-- the address (an IPv6 address by its /64) under egov.poll.voter-salt: addresses are never stored in clear. The
-- row is written in the transaction that records the vote, and is the lock that serialises the votes of one
-- address, so the cap holds under concurrency; a refused vote rolls back with it.
CREATE TABLE poll_address (
	poll_id  bigint NOT NULL REFERENCES poll (id),
	address  bytea NOT NULL CHECK (length(address) = 32),
	votes    int NOT NULL CHECK (votes > 0),
	PRIMARY KEY (poll_id, address)
);
