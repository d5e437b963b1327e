-- The views of schema `grafana` (created by V7), the only thing Grafana's database role may read. A repeatable
-- migration: Flyway runs it after every versioned one, and again whenever this file changes, so the views can use any
-- column the versioned migrations add. It drops and recreates them all; every role with USAGE on the schema (Grafana's
-- reader, see grafana/postgres-init/10-grafana-reader.sh) is granted SELECT on them again at the end. A versioned
-- migration that changes the type of a column a view reads must drop that view first (this file recreates it).

DO $$
DECLARE
	object record;
BEGIN
	FOR object IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	               WHERE n.nspname = 'grafana' AND c.relkind = 'v'
	LOOP
		EXECUTE format('DROP VIEW IF EXISTS grafana.%I CASCADE', object.relname);
	END LOOP;
END;
$$;
DROP FUNCTION IF EXISTS grafana.block_of(text);
DROP FUNCTION IF EXISTS grafana.status_order(text);
DROP FUNCTION IF EXISTS grafana.previous_ranks(bigint, text);

-- The block of the assessments an agency belongs to, as the dashboards' block variable names it.
CREATE FUNCTION grafana.block_of(kind text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE kind WHEN 'MINISTRY' THEN 'MINISTRIES' WHEN 'MINISTERIAL_AGENCY' THEN 'MINISTRIES'
	                 WHEN 'GOVERNMENT_AGENCY' THEN 'GOVERNMENT_AGENCIES' WHEN 'PROVINCE' THEN 'PROVINCES' ELSE kind END;

-- Progress statuses from the worst to the best, for sorting; NO_DATA last.
CREATE FUNCTION grafana.status_order(status text) RETURNS int
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE status WHEN 'MISSED' THEN 0 WHEN 'OFF_TRACK' THEN 1 WHEN 'AT_RISK' THEN 2 WHEN 'ON_TRACK' THEN 3
	                   WHEN 'ACHIEVED' THEN 4 ELSE 5 END;

-- The previous ranks of a round's block (public.assessment_comparison against public.assessment_previous_round), for
-- grafana.assessment_rank. Those functions read tables that Grafana's role may not read, and a view's rights do not
-- extend to the functions it calls: this one runs with its owner's rights, on the public schema only.
CREATE FUNCTION grafana.previous_ranks(round_id bigint, block text)
	RETURNS TABLE (category_code text, agency_code text, previous_year int, previous_rank bigint)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 800
	AS $$
	SELECT q.category_code, q.agency_code, e.year, q.earlier_rank
	  FROM (SELECT assessment_previous_round(round_id, block) AS id) p
	 CROSS JOIN LATERAL assessment_comparison(round_id, block, p.id) q
	  LEFT JOIN assessment_round e ON e.id = p.id
	$$;

CREATE VIEW grafana.agency AS
SELECT a.code AS agency_code, a.official_code, a.name, a.name_en, a.kind, grafana.block_of(a.kind) AS block, a.region,
       a.parent_code, a.valid_from, a.valid_to, a.successor_code
  FROM agency a;

CREATE VIEW grafana.indicator AS
SELECT i.code AS indicator_code, i.name, i.name_en, i.unit, i.direction, i.pillar
  FROM indicator i;

-- Every target, with or without data: the goal, the deadline, where it comes from, the agencies in each status
-- (from progress_standing: the same figures as the GraphQL field Target.summary) and the country's own value where
-- the national agency VN reports one.
CREATE VIEW grafana.target AS
SELECT t.id AS target_id, coalesce(t.code, 'T' || t.id) AS target_code, t.indicator_code, i.name AS indicator_name,
       i.name_en AS indicator_name_en, i.unit, i.direction, t.comparator, t.value AS goal, t.value_max AS goal_max,
       t.deadline, extract(year FROM t.deadline)::int AS deadline_year,
       (t.deadline::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS deadline_time, t.baseline_value, t.baseline_on,
       t.scope, t.block, t.agency_code, d.number AS source_document, t.plan_id, t.note,
       coalesce(s.agencies, 0) AS agencies, coalesce(s.achieved, 0) AS achieved, coalesce(s.on_track, 0) AS on_track,
       coalesce(s.at_risk, 0) AS at_risk, coalesce(s.off_track, 0) AS off_track, coalesce(s.missed, 0) AS missed,
       coalesce(s.no_data, 0) AS no_data, coalesce(s.sample, 0) AS sample,
       n.latest_value AS national_value, n.latest_period AS national_period, n.status AS national_status,
       n.sample AS national_sample, r.as_of, r.computed_at
  FROM target t
  JOIN indicator i ON i.code = t.indicator_code
  LEFT JOIN legal_document d ON d.id = t.source_document_id
  LEFT JOIN (SELECT p.target_id, count(*) AS agencies,
                    count(*) FILTER (WHERE p.status = 'ACHIEVED') AS achieved,
                    count(*) FILTER (WHERE p.status = 'ON_TRACK') AS on_track,
                    count(*) FILTER (WHERE p.status = 'AT_RISK') AS at_risk,
                    count(*) FILTER (WHERE p.status = 'OFF_TRACK') AS off_track,
                    count(*) FILTER (WHERE p.status = 'MISSED') AS missed,
                    count(*) FILTER (WHERE p.status = 'NO_DATA') AS no_data,
                    count(*) FILTER (WHERE p.sample) AS sample
               FROM progress_standing p GROUP BY p.target_id) s ON s.target_id = t.id
  LEFT JOIN progress_standing n ON n.target_id = t.id AND n.agency_code = 'VN'
  CROSS JOIN progress_refresh r;

-- One row per target × agency it covers: where the agency stands, and the source of its latest value.
CREATE VIEW grafana.target_progress AS
SELECT p.target_id, coalesce(t.code, 'T' || t.id) AS target_code, t.indicator_code, t.value AS goal, t.deadline,
       p.agency_code, a.name AS agency_name, a.name_en AS agency_name_en, a.kind, grafana.block_of(a.kind) AS block,
       a.region, p.status, grafana.status_order(p.status) AS status_order, p.latest_value, p.latest_period, p.gap,
       p.share_of_way, p.projected_value, p.sample, p.first_met_on, m.source AS latest_source, r.as_of, r.computed_at
  FROM progress_standing p
  JOIN target t ON t.id = p.target_id
  JOIN agency a ON a.code = p.agency_code
  LEFT JOIN measurement m ON m.indicator_code = t.indicator_code AND m.agency_code = p.agency_code
                         AND m.period = p.latest_period AND NOT m.replaced
  CROSS JOIN progress_refresh r;

-- The values in force (corrections replace), one per indicator × agency × period; `time` is the end of the period.
-- `source` says where a value comes from; `sample` marks generated values.
CREATE VIEW grafana.measurement AS
SELECT m.indicator_code, m.agency_code, a.name AS agency_name, grafana.block_of(a.kind) AS block, m.period,
       (m.period::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS time, m.value, m.source, m.sample, m.note
  FROM measurement m
  JOIN agency a ON a.code = m.agency_code
 WHERE NOT m.replaced;

-- Every assessed score with its rank in the block and category (ties share a rank) and its previous rank: the rule of
-- the GraphQL field rankChange (assessment_comparison in V13__rank_comparison.sql: the previous round's ranking of the
-- same set of units, a merged province by its predecessors' mean), which DashboardChecksTests compares with this
-- view. The partitions come first, so that a filter on framework, year or block chooses which ones are compared, and
-- a filter on category reaches into the comparison. `time` is the last day of the assessed year.
CREATE VIEW grafana.assessment_rank AS
SELECT pt.framework, pt.year, (make_date(pt.year, 12, 31)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS time, pt.block,
       x.category_code, k.name AS category_name, k.kind AS category_kind, x.category_position, x.max_score,
       x.agency_code, a.name AS agency_name, a.name_en AS agency_name_en, x.score, x.rank, x.block_size, x.tied,
       x.published_rank, x.sample, pt.previous_year, pt.previous_rank, pt.previous_rank - x.rank AS rank_change
  FROM (SELECT d.framework, d.year, d.round_id, d.block, q.*
          FROM (SELECT DISTINCT r.framework, r.year, s.round_id, s.block
                  FROM assessment_round r JOIN assessment_score s ON s.round_id = r.id) d
         CROSS JOIN LATERAL grafana.previous_ranks(d.round_id, d.block) q
        OFFSET 0) pt
  JOIN assessment_ranked x ON x.round_id = pt.round_id AND x.block = pt.block AND x.category_code = pt.category_code
                          AND x.agency_code = pt.agency_code
  JOIN assessment_category k ON k.round_id = x.round_id AND k.code = x.category_code
  JOIN agency a ON a.code = x.agency_code;

-- The provinces drawn on the two maps (grafana/geo): 'P63', the 63 provinces before the merger of 1 July 2025 (on
-- 30 June 2025, so Huế is the city P46-2025 that Thừa Thiên Huế P46 became on 1 January 2025), and 'P34', the 34
-- from 1 July 2025. Each GeoJSON feature carries the agency_code of its row here (DashboardChecksTests).
CREATE VIEW grafana.map_feature AS
SELECT m.map, a.code AS agency_code, a.name, a.name_en
  FROM (VALUES ('P63', date '2025-06-30'), ('P34', date '2025-07-01')) AS m (map, on_day)
  JOIN agency a ON a.kind = 'PROVINCE' AND (a.valid_from IS NULL OR a.valid_from <= m.on_day)
                AND (a.valid_to IS NULL OR a.valid_to >= m.on_day);

-- Whose figures paint a feature: its own agency, and an agency renamed into it (the one predecessor, with the same
-- official code: Thừa Thiên Huế into Huế). A merger (several predecessors) paints nothing: its parts are other shapes.
CREATE VIEW grafana.map_member AS
SELECT f.map, f.agency_code AS feature_code, f.agency_code
  FROM grafana.map_feature f
UNION ALL
SELECT f.map, f.agency_code, p.code
  FROM grafana.map_feature f
  JOIN agency s ON s.code = f.agency_code
  JOIN agency p ON p.successor_code = f.agency_code AND p.official_code = s.official_code
 WHERE (SELECT count(*) FROM agency q WHERE q.successor_code = f.agency_code) = 1;

-- The rounds and blocks a map can show: every agency ranked in the block is painted by one of its features.
CREATE VIEW grafana.map_round AS
SELECT m.map, r.framework, r.year, s.block
  FROM (VALUES ('P63'), ('P34')) AS m (map)
  CROSS JOIN assessment_round r
  JOIN (SELECT DISTINCT round_id, block FROM assessment_score) s ON s.round_id = r.id
 WHERE NOT EXISTS (SELECT 1 FROM assessment_score x
                    WHERE x.round_id = r.id AND x.block = s.block
                      AND NOT EXISTS (SELECT 1 FROM grafana.map_member mm
                                       WHERE mm.map = m.map AND mm.agency_code = x.agency_code));

CREATE VIEW grafana.site AS
SELECT s.code AS site_code, s.name, s.name_en, s.agency_code, s.base_url, s.visit_offset, s.counting_from
  FROM site s;

-- Views and distinct visitors per site and day (Vietnam's days), from the DAY roll-ups; sample marks generated rows.
CREATE VIEW grafana.traffic_daily AS
SELECT b.site_code, b.bucket_start AS time, b.views, b.member_views, b.visitors, b.sample
  FROM traffic_bucket b
 WHERE b.granularity = 'DAY';

-- Views per page and day; `views_before` is the count the portal had before it reported here (not dated).
CREATE VIEW grafana.page_daily AS
SELECT d.site_code, d.page_id, p.path, coalesce(p.title, p.path) AS title,
       (d.day::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS time, d.views, d.sample
  FROM page_day d
  JOIN page p ON p.id = d.page_id;

CREATE VIEW grafana.page AS
SELECT p.site_code, p.id AS page_id, p.path, coalesce(p.title, p.path) AS title, p.views + p.view_offset AS views,
       p.view_offset AS views_before, p.first_seen_at, p.last_seen_at
  FROM page p;

-- Every poll option with its count (the live count, votes carried over from before this system included).
CREATE VIEW grafana.poll_option AS
SELECT p.id AS poll_id, p.site_code, p.question, p.opens_at, p.closes_at, o.id AS option_id, o.position, o.label,
       o.votes, o.imported_votes, sum(o.votes) OVER (PARTITION BY p.id) AS total_votes
  FROM poll p
  JOIN poll_option o ON o.poll_id = p.id;

-- Votes cast here per poll, option and day (Vietnam's days); no voter is named.
CREATE VIEW grafana.poll_votes_daily AS
SELECT v.poll_id, v.option_id, o.label,
       (date_trunc('day', v.cast_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS time,
       count(*) AS votes
  FROM poll_vote v
  JOIN poll_option o ON o.id = v.option_id
 GROUP BY 1, 2, 3, 4;

-- Whoever may use the schema may read its views (the views only: no table lives here).
DO $$
DECLARE
	reader text;
BEGIN
	FOR reader IN SELECT r.rolname FROM pg_roles r
	               WHERE has_schema_privilege(r.oid, 'grafana', 'USAGE') AND NOT r.rolsuper
	                 AND r.rolname <> current_user AND r.rolname NOT LIKE 'pg\_%'
	LOOP
		EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA grafana TO %I', reader);
	END LOOP;
END;
$$;
