-- The filters and sorts the API offers, as its repositories send them (literal values in place of binds).
-- psql -d <database with the demo data> -f bench/graphql/explain.sql
-- With enable_seqscan off, each plan shows whether an index can serve the filter and the order; at the demo
-- size PostgreSQL rightly prefers reading these small tables whole (see BENCHMARKS.md).
SET enable_seqscan = off;
\echo '== agencies(filter: {kinds: [PROVINCE]}, first: 100) ORDER BY code'
EXPLAIN (COSTS off) SELECT code FROM agency WHERE kind = ANY ('{PROVINCE}') AND code > 'P01' ORDER BY code LIMIT 101;
\echo '== agencies(filter: {parentCode}) / successor / predecessors'
EXPLAIN (COSTS off) SELECT code FROM agency WHERE parent_code = ANY ('{BTTTT}') ORDER BY code;
EXPLAIN (COSTS off) SELECT code FROM agency WHERE successor_code = ANY ('{P25-2025}') ORDER BY code;
\echo '== agencies(filter: {search: "hoa binh"}) (LIKE %…% over search_text)'
EXPLAIN (COSTS off) SELECT code FROM agency WHERE search_text LIKE ALL (SELECT '%' || search_key(w) || '%' FROM unnest('{hoa,binh}'::text[]) w) ORDER BY code LIMIT 101;
\echo '== agencies(filter: {asOf})'
EXPLAIN (COSTS off) SELECT code FROM agency WHERE (valid_from IS NULL OR valid_from <= '2017-01-01') AND (valid_to IS NULL OR valid_to >= '2017-01-01') ORDER BY code LIMIT 101;
\echo '== documents(filter: {kind}) ORDER BY issued_on DESC, id DESC'
EXPLAIN (COSTS off) SELECT id FROM legal_document d WHERE d.kind = 'QUYET_DINH' ORDER BY coalesce(d.issued_on, DATE '0001-01-01') DESC, d.id DESC LIMIT 101;
\echo '== document.basedOn / citedBy'
EXPLAIN (COSTS off) SELECT basis_id FROM document_basis WHERE document_id = ANY ('{1,2}');
EXPLAIN (COSTS off) SELECT document_id FROM document_basis WHERE basis_id = ANY ('{1,2}');
\echo '== plans(filter: {agencyCode}) / {status} ORDER BY id DESC'
EXPLAIN (COSTS off) SELECT id FROM plan WHERE agency_code = 'P17' ORDER BY id DESC LIMIT 101;
EXPLAIN (COSTS off) SELECT id FROM plan WHERE status = 'SUBMITTED' ORDER BY id DESC LIMIT 101;
\echo '== measurements(indicatorCode, agencyCode) ORDER BY period DESC, id DESC'
EXPLAIN (COSTS off) SELECT id FROM measurement WHERE indicator_code = 'E_DOC_EXCHANGE' ORDER BY period DESC, id DESC LIMIT 101;
EXPLAIN (COSTS off) SELECT id FROM measurement WHERE indicator_code = 'E_DOC_EXCHANGE' AND agency_code = 'P01' ORDER BY period DESC, id DESC LIMIT 101;
\echo '== targets(filter: {indicatorCode}) ORDER BY deadline, id; progress series'
EXPLAIN (COSTS off) SELECT id FROM target t WHERE t.indicator_code = 'E_DOC_EXCHANGE' ORDER BY t.deadline, t.id;
EXPLAIN (COSTS off) SELECT m.id FROM measurement m WHERE NOT m.replaced AND m.indicator_code = ANY ('{E_DOC_EXCHANGE}') AND m.period <= '2020-12-31' ORDER BY m.indicator_code, m.agency_code, m.period;
\echo '== ranking(framework, year, block, category): one partition, keyset on (rank, agency)'
EXPLAIN (COSTS off) SELECT agency_code FROM assessment_ranked WHERE round_id = 13 AND block = 'PROVINCES' AND category_code = 'TOTAL' ORDER BY rank, agency_code LIMIT 101;
EXPLAIN (COSTS off) SELECT count(*) FROM assessment_score WHERE round_id = 13 AND block = 'PROVINCES' AND category_code = 'TOTAL';
\echo '== agencyScores / Agency.assessments: an agency''s scores'
EXPLAIN (COSTS off) SELECT s.score FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id WHERE s.agency_code = ANY ('{P48,P01}') AND r.framework = 'DTI' AND r.year = 2024;
\echo '== assessmentRound(framework, year)'
EXPLAIN (COSTS off) SELECT id FROM assessment_round WHERE framework = 'DTI' AND year = 2022;
