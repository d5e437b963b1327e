-- Rank changes that compare a block with the previous round's ranking of the same set of units, across the 2025
-- merger of provinces (63 -> 34) and of ministries (docs/assessment.md, "Rank changes across a merger").
--
-- The rule, for a block B of a round (this round) against an earlier round of the same framework (that round):
-- 1. That round's block is the one of B's family (PROVINCES and PROVINCES_POST_MERGER are one family: both rank
--    provinces; every other block is a family of its own) in which the most of B's agencies are ranked under their
--    own code, on a tie the block named B. DTI 2025 (34 provinces) compares with DTI 2024 PROVINCES_POST_MERGER.
-- 2. An agency's score in that round, per category, is its own score there; an agency that has none (a province
--    created by the merger) takes the mean of the scores there of the agencies merged into it (through successor,
--    transitively), as DTI 2024 PROVINCES_POST_MERGER itself averages the merged provinces' indices; rounded to the
--    6 decimals of a stored score. It is sample data if any score it is made of is.
-- 3. Those scores are ranked again with RANK() among the agencies of B in the category that have one: the previous
--    rank is a place in a ranking of this round's units only, so a change never reaches the block's size.

-- The blocks that rank the same kind of unit as a block.
CREATE FUNCTION assessment_block_family(block text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN block IN ('PROVINCES', 'PROVINCES_POST_MERGER') THEN ARRAY['PROVINCES', 'PROVINCES_POST_MERGER']
	            ELSE ARRAY[block] END
$$;

-- The latest earlier round of the round's framework that ranked a block of the block's family: the round that
-- rankChange compares with (VIETNAM_ICT_INDEX 2023 compares with 2020; DTI 2024 PROVINCES_POST_MERGER with 2023).
CREATE FUNCTION assessment_previous_round(round_id bigint, block text) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT e.id
	  FROM assessment_round r
	  JOIN assessment_round e ON e.framework = r.framework AND e.year < r.year
	 WHERE r.id = assessment_previous_round.round_id
	   AND EXISTS (SELECT 1 FROM assessment_score s
	                WHERE s.round_id = e.id AND s.block = ANY (assessment_block_family(assessment_previous_round.block)))
	 ORDER BY e.year DESC
	 LIMIT 1
$$;

-- Every score of block B of round `round_id` with its standing in round `earlier_round_id`, by the rule above:
-- the block compared with, the score (own or mean of the predecessors'), whether it is sample data, the agencies
-- it is made of, and its rank among B's agencies. An agency with no score there has none of these (null).
CREATE FUNCTION assessment_comparison(round_id bigint, block text, earlier_round_id bigint)
RETURNS TABLE (category_code text, agency_code text, earlier_block text, earlier_score numeric,
               earlier_sample boolean, earlier_agencies text[], earlier_rank bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	WITH RECURSIVE
	current AS (
	    SELECT s.category_code, s.agency_code FROM assessment_score s
	     WHERE s.round_id = assessment_comparison.round_id AND s.block = assessment_comparison.block),
	units AS (SELECT DISTINCT c.agency_code FROM current c),
	compared AS (
	    SELECT e.block
	      FROM assessment_score e
	     WHERE e.round_id = earlier_round_id AND e.block = ANY (assessment_block_family(assessment_comparison.block))
	     GROUP BY e.block
	     ORDER BY count(DISTINCT e.agency_code) FILTER (WHERE e.agency_code IN (SELECT u.agency_code FROM units u)) DESC,
	              e.block <> assessment_comparison.block, e.block
	     LIMIT 1),
	lineage (unit, member, depth) AS (
	    SELECT u.agency_code, u.agency_code, 0 FROM units u
	    UNION ALL
	    SELECT l.unit, a.code, l.depth + 1 FROM lineage l JOIN agency a ON a.successor_code = l.member
	     WHERE l.depth < 10),
	found AS (
	    SELECT l.unit, e.category_code, e.agency_code, e.score, e.sample, l.depth = 0 AS own,
	           bool_or(l.depth = 0) OVER (PARTITION BY l.unit, e.category_code) AS has_own
	      FROM lineage l
	      JOIN assessment_score e ON e.agency_code = l.member AND e.round_id = earlier_round_id
	       AND e.block = (SELECT c.block FROM compared c)),
	earlier AS (
	    SELECT f.unit, f.category_code, round(avg(f.score), 6) AS score, bool_or(f.sample) AS sample,
	           array_agg(f.agency_code ORDER BY f.agency_code) AS agencies
	      FROM found f
	     WHERE f.own OR NOT f.has_own
	     GROUP BY f.unit, f.category_code)
	SELECT c.category_code, c.agency_code, (SELECT b.block FROM compared b), e.score, e.sample, e.agencies,
	       CASE WHEN e.score IS NOT NULL
	            THEN rank() OVER (PARTITION BY c.category_code, e.score IS NULL ORDER BY e.score DESC) END
	  FROM current c
	  LEFT JOIN earlier e ON e.unit = c.agency_code AND e.category_code = c.category_code
$$;
