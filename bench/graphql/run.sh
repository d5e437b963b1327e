#!/usr/bin/env bash
# GraphQL vs PostGraphile: this server and PostGraphile 4 on the same scratch database with the demo data,
# driven by wrk with equivalent queries that return the same data. See README.md beside this file.
#
#   bench/graphql/run.sh                     # the full run: 180 s warm-up per server, 30 s per query
#   DURATION=5 WARMUP=10 bench/graphql/run.sh  # a quick run while working on the script
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/graphql/run.sh  # our server on JDK 25, as the Docker image
#
# Needs: java 17+ ($JAVA; jstat beside it), wrk, jq, python3, psql (PostgreSQL at $PGHOST:$PGPORT, user postgres, trust auth), node + npm.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$REPO/target/egov-dashboard-0.1.0-SNAPSHOT.jar}
DB=${DB:-egov_bench_$$}
OUR_PORT=${OUR_PORT:-18080}
PG_PORT=${PG_PORT:-15000}
FLOOR_PORT=${FLOOR_PORT:-18090}   # Floor.java: the libraries alone (step 9)
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-30}          # seconds measured per query and server
# Seconds of load on each server before the first measured run. The JIT compilers of our JVM were still busy after
# a minute of load: -XX:+PrintCompilation logged ~2,600 compilations and deoptimisations between 60 and 130 s of
# load with query (a), and a profile of (a) after 60 s found 30 % of the JVM's CPU in C2; (a) measured after 15 s
# of warm-up gave 196 req/s (4.3 ms of JVM CPU per request), after 150 s 312 req/s (1.2 ms). Both servers get the
# same warm-up.
WARMUP=${WARMUP:-180}
QUERY_WARMUP=${QUERY_WARMUP:-5}   # seconds of the same query just before it is measured
JAVA=${JAVA:-java}               # the JVM of our server: 17 (the build's) or 25 (the Docker image's)
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}   # the collector of the Docker image (Dockerfile)
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-4}  # (d) is measured again at this many connections: latency below saturation
POSTGRAPHILE_DIR=${POSTGRAPHILE_DIR:-}   # an existing folder with postgraphile@4 installed; default: a temporary one
VERIFY_ONLY=${VERIFY_ONLY:-0}    # 1: start both servers, verify every query pair, time nothing, stop

WORK=$(mktemp -d /tmp/egov-bench.XXXXXX)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OUR_PID=""
PG_PID=""
FLOOR_PID=""
SAMPLER_PID=""

# shellcheck source=lib.sh
source "$HERE/lib.sh"

on_exit SAMPLER_PID OUR_PID PG_PID FLOOR_PID

require "$JAVA" wrk jq python3 psql node npm curl
JSTAT=$(jdk_tool jstat)
[[ -x $JSTAT ]] || die "$JSTAT is missing (jstat of the same JDK as $JAVA)"
java_runtime

# Start-up archives. JDK 17: class-data sharing (Spring Boot's documented set-up), a dynamic archive of the classes
# a training run loaded. JDK 25: the AOT cache (JEPs 483, 514, 515), which also keeps them linked; the training
# run's method profiles it also holds are not replayed (-XX:-AOTReplayTraining, as in the Docker image): they come
# from a start that served no request, and with them (d) and (b) ran 5-10 % slower after minutes of load.
# Every start gets RUNTIME_OPTS (lib.sh), the training run included: the AOT cache refuses to load if they differ.
if (( JAVA_VERSION >= 25 )); then
	ARCHIVE=application.aot
	TRAIN=(-XX:AOTCacheOutput=$ARCHIVE)
	# AOTMode=on: fail if the cache cannot be used
	WITH_ARCHIVE=(-XX:AOTCache=$ARCHIVE -XX:AOTMode=on -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -jar application.jar)
	ARCHIVE_KIND="AOT cache"
else
	ARCHIVE=application.jsa
	TRAIN=(-XX:ArchiveClassesAtExit=$ARCHIVE)
	WITH_ARCHIVE=(-XX:SharedArchiveFile=$ARCHIVE -jar application.jar)
	ARCHIVE_KIND="class-data-sharing archive"
fi

# --- 1. the jar ----------------------------------------------------------------------------------------------
fresh_jar

# The jar extracted as Spring Boot's class-data-sharing set-up expects it (application.jar + lib/), where the
# training run below writes the archive.
APP=$WORK/app
"$JAVA" -Djarmode=tools -jar "$JAR" extract --application-filename application.jar --destination "$APP" >/dev/null \
	|| die "extract $JAR"

# --- 2. PostGraphile 4 (npm's latest is v5) ------------------------------------------------------------------
if [[ -z $POSTGRAPHILE_DIR ]]; then
	POSTGRAPHILE_DIR=$WORK/postgraphile
	mkdir -p "$POSTGRAPHILE_DIR"
	log "npm install postgraphile@4 into $POSTGRAPHILE_DIR"
	(cd "$POSTGRAPHILE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent postgraphile@4) \
		|| die "npm install postgraphile@4"
fi
PG_VERSION=$(cd "$POSTGRAPHILE_DIR" && node -e 'console.log(require("postgraphile/package.json").version)')
# Two relations of measurement.corrects_id would both be named measurementByCorrectsId; PostGraphile refuses to
# start on such a clash. A tags file (read from the working directory) renames one; the database is not touched.
cat > "$POSTGRAPHILE_DIR/postgraphile.tags.json5" <<'EOF'
{ version: 1, config: { constraint: {
  "measurement_corrects_id_fkey": { tags: { foreignSingleFieldName: "correctedBy" } } } } }
EOF

# --- 3. the scratch database with the demo data (loaded by the server's first start) --------------------------
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null || die "create database $DB"

# Our server's environment (for env, which execs java: $! is the server's pid): the scratch database, the port,
# the demo data.
OUR_ENV=(DB_HOST="$PGHOST" DB_PORT="$PGPORT" DB_NAME="$DB" DB_USER="$PGUSER" DB_PASSWORD= SERVER_PORT="$OUR_PORT" DEMO_DATA=true)

# How our server is started (in $APP): the jar as built (java -jar), or extracted with the start-up archive
# (WITH_ARCHIVE, above), by the same relative path as in the training run (the JVM ignores an archive whose class
# path differs).
PLAIN=(-jar "$JAR")

# start_ours LABEL PLAIN|WITH_ARCHIVE [extra Spring arguments…]: starts the server, waits for /actuator/health UP;
# STARTUP_MS = ms from starting the process to the first UP answer (curl every 50 ms)
STARTUP_MS=0
start_ours() {
	local label=$1 how=$2; shift 2
	local t0
	local -n launch=$how
	port_free "$OUR_PORT"
	t0=$(now_ms)
	(cd "$APP" && exec env "${OUR_ENV[@]}" "$JAVA" $JAVA_OPTS "${RUNTIME_OPTS[@]}" "${launch[@]}" --egov.rate-limit.enabled=false "$@") \
		> "$WORK/server-$label.log" 2>&1 &
	OUR_PID=$!
	for _ in $(seq 1 6000); do
		if curl -sf "http://127.0.0.1:$OUR_PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then
			STARTUP_MS=$(( $(now_ms) - t0 ))
			log "server ($label) UP after $STARTUP_MS ms"
			! grep -q 'Unable to use shared archive' "$WORK/server-$label.log" \
				|| die "server ($label) could not use the $ARCHIVE_KIND: $(grep -m1 'shared archive' "$WORK/server-$label.log")"
			return 0
		fi
		kill -0 "$OUR_PID" 2>/dev/null || { tail -50 "$WORK/server-$label.log" >&2; die "server ($label) exited"; }
		sleep 0.05
	done
	die "server ($label) not UP after 300 s"
}

stop_ours() { stop_pid "$OUR_PID"; OUR_PID=""; }

log "first start: migrations and demo data into $DB"
start_ours first PLAIN; FIRST_MS=$STARTUP_MS
stop_ours

# The first start wrote ~1.4 million rows: have PostgreSQL write them out now, not during the timed starts.
psql -q -d "$DB" -c CHECKPOINT >/dev/null
sleep 5

# time_starts HOW: STARTUPS starts with the demo data already loaded, nothing else running; STARTS = their times
STARTUPS=${STARTUPS:-3}
(( VERIFY_ONLY )) && STARTUPS=1
time_starts() {
	STARTS=()
	for i in $(seq 1 "$STARTUPS"); do
		start_ours "start-$1-$i" "$1"; STARTS+=("$STARTUP_MS")
		stop_ours
		sleep 2
	done
}

log "starts with the demo data already loaded: java -jar, without a start-up archive"
time_starts PLAIN; PLAIN_STARTS="${STARTS[*]}"; PLAIN_MS=$(median "${STARTS[@]}")

# The training run (Spring Boot's documented set-up) starts the application up to a refreshed context (Flyway's
# validation and the demo-data check included) and exits; the JVM writes the archive of what the start loaded.
log "$ARCHIVE_KIND: training run"
T0=$(now_ms)
(cd "$APP" && env "${OUR_ENV[@]}" "$JAVA" $JAVA_OPTS "${RUNTIME_OPTS[@]}" "${TRAIN[@]}" -Dspring.context.exit=onRefresh \
	-jar application.jar --egov.rate-limit.enabled=false > "$WORK/server-training.log" 2>&1) || die "training run"
[[ -f $APP/$ARCHIVE ]] || die "the training run wrote no $ARCHIVE_KIND"
TRAINING_MS=$(( $(now_ms) - T0 ))
log "$ARCHIVE_KIND $(( $(stat -c %s "$APP/$ARCHIVE") / 1048576 )) MiB after $TRAINING_MS ms"
sleep 2

log "starts with the demo data already loaded: the extracted jar with the $ARCHIVE_KIND"
time_starts WITH_ARCHIVE; ARCHIVE_STARTS="${STARTS[*]}"; ARCHIVE_MS=$(median "${STARTS[@]}")

ROWS=$(psql -d "$DB" -Atc "SELECT string_agg(format('%s %s', t, n), ', ' ORDER BY t) FROM (
	SELECT 'agency' t, count(*) n FROM agency UNION ALL SELECT 'assessment_score', count(*) FROM assessment_score
	UNION ALL SELECT 'assessment_round', count(*) FROM assessment_round
	UNION ALL SELECT 'assessment_category', count(*) FROM assessment_category
	UNION ALL SELECT 'measurement', count(*) FROM measurement) x")
HAS_TRAFFIC=$(psql -d "$DB" -Atc "SELECT to_regclass('traffic_bucket') IS NOT NULL")
if [[ $HAS_TRAFFIC == t ]]; then
	ROWS="$ROWS, $(psql -d "$DB" -Atc "SELECT format('traffic_bucket %s (%s MINUTE)', count(*), count(*) FILTER (WHERE granularity = 'MINUTE')) FROM traffic_bucket")"
fi
log "rows: $ROWS"

# --- 4. the queries and their variables -----------------------------------------------------------------------
round_id() { psql -d "$DB" -Atc "SELECT id FROM assessment_round WHERE framework = '$1' AND year = $2"; }
NESTED_ROUND=$(round_id DTI 2024)
RANKING_ROUND=$(round_id DTI 2022)
[[ -n $NESTED_ROUND && -n $RANKING_ROUND ]] || die "the demo rounds DTI 2022 and 2024 are missing"

QUERIES="a b c"
body a ours "${OUR_VARIABLES[a]}" > "$WORK/a.ours.json"
body a postgraphile "{\"roundId\":\"$NESTED_ROUND\"}" > "$WORK/a.postgraphile.json"
body b ours "${OUR_VARIABLES[b]}" > "$WORK/b.ours.json"
body b postgraphile "{\"code\":\"P48\",\"roundId\":\"$NESTED_ROUND\"}" > "$WORK/b.postgraphile.json"
body c ours "${OUR_VARIABLES[c]}" > "$WORK/c.ours.json"
body c postgraphile "{\"roundId\":\"$RANKING_ROUND\",\"block\":\"PROVINCES\"}" > "$WORK/c.postgraphile.json"
if [[ $HAS_TRAFFIC == t ]]; then
	# A year by day over the site with the most day buckets: from its first day bucket, 365 days. (Not the most
	# minutes: the server drops minutes older than egov.traffic.partitions.minute-retention, the demo's included.)
	read -r SITE FROM TO DAYS < <(psql -d "$DB" -AtF ' ' -c "
		WITH s AS (SELECT site_code FROM traffic_bucket WHERE granularity = 'DAY'
		            GROUP BY site_code ORDER BY count(*) DESC, site_code LIMIT 1),
		     f AS (SELECT b.site_code, min(b.bucket_start) AS start FROM traffic_bucket b JOIN s USING (site_code)
		            WHERE b.granularity = 'DAY' GROUP BY b.site_code)
		SELECT f.site_code, to_char(f.start AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00'),
		       to_char((f.start + interval '365 days') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00'),
		       (SELECT count(*) FROM traffic_bucket b WHERE b.site_code = f.site_code AND b.granularity = 'DAY'
		           AND b.bucket_start >= f.start AND b.bucket_start < f.start + interval '365 days')
		  FROM f") || true # no row when no site has day buckets
fi
if [[ $HAS_TRAFFIC == t && -n ${SITE:-} ]]; then
	body d ours "{\"site\":\"$SITE\",\"from\":\"$FROM\",\"to\":\"$TO\"}" > "$WORK/d.ours.json"
	body d postgraphile "{\"site\":\"$SITE\",\"days\":$DAYS}" > "$WORK/d.postgraphile.json"
	log "(d): site $SITE, $FROM to $TO, $DAYS day buckets"
elif [[ $HAS_TRAFFIC == t ]]; then
	log "(d) skipped: no site has day buckets"
	HAS_TRAFFIC=f
fi
# (e) who improved most: the provinces of DTI 2024 against DTI 2023 (rankChanges). PostGraphile has no such field:
# it is asked for the block's ranked totals and for assessment_comparison (a STABLE function returning SETOF, every
# category), and normalise.py joins, computes and sorts them as rankChanges does.
COMPARED_ROUND=$(round_id DTI 2023)
[[ -n $COMPARED_ROUND ]] || die "the demo round DTI 2023 is missing"
QUERIES="$QUERIES e"
body e ours "${OUR_VARIABLES[e]}" > "$WORK/e.ours.json"
body e postgraphile "{\"roundId\":\"$NESTED_ROUND\",\"fromRoundId\":\"$COMPARED_ROUND\",\"block\":\"PROVINCES\"}" \
	> "$WORK/e.postgraphile.json"
# (f), (g): a page of 100 measurements of one indicator with their agencies; every target with its indicator
QUERIES="$QUERIES f g"
body f ours "${OUR_VARIABLES[f]}" > "$WORK/f.ours.json"
body f postgraphile '{"indicator":"E_DOC_EXCHANGE"}' > "$WORK/f.postgraphile.json"
body g ours "${OUR_VARIABLES[g]}" > "$WORK/g.ours.json"
body g postgraphile '{}' > "$WORK/g.postgraphile.json"

# (h) every legal document (at most 100) with its basis graph: what each is based on and what cites it.
# (i) every poll (at most 100) with its site and its options' vote counts.
QUERIES="$QUERIES h i"
body h ours "${OUR_VARIABLES[h]}" > "$WORK/h.ours.json"
body h postgraphile '{"first":100}' > "$WORK/h.postgraphile.json"
body i ours "${OUR_VARIABLES[i]}" > "$WORK/i.ours.json"
body i postgraphile '{"first":100}' > "$WORK/i.postgraphile.json"
# (z) { __typename }: a request that reads nothing, the same text for both. Not a target: the fixed cost of a request
# on each server (HTTP, security, the GraphQL engine, metrics), which every query above pays before its own work.
QUERIES="$QUERIES z"
body z ours "${OUR_VARIABLES[z]}" > "$WORK/z.ours.json"
body z postgraphile '{}' > "$WORK/z.postgraphile.json"

# --- 5. PostGraphile on the same database ---------------------------------------------------------------------
# PostGraphile 4 does not expose partitioned tables (traffic_bucket is one since V14), only their partitions: a
# plain view over it stands in for the table. PostgreSQL inlines the view, so the plan is the table's own.
[[ $HAS_TRAFFIC == t ]] && psql -q -d "$DB" -c "CREATE OR REPLACE VIEW traffic_bucket_all AS SELECT * FROM traffic_bucket" >/dev/null
log "starting PostGraphile $PG_VERSION (--cluster-workers 2) on port $PG_PORT"
port_free "$PG_PORT"
(cd "$POSTGRAPHILE_DIR" && exec node node_modules/.bin/postgraphile -c "postgres://$PGUSER@$PGHOST:$PGPORT/$DB" \
	--cluster-workers 2 --disable-query-log --disable-graphiql --port "$PG_PORT") > "$WORK/postgraphile.log" 2>&1 &
PG_PID=$!
answers_postgraphile() {
	curl -sf "http://127.0.0.1:$PG_PORT/graphql" -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' \
		>/dev/null 2>&1
}
await PostGraphile "$PG_PID" "$WORK/postgraphile.log" answers_postgraphile

url() {
	case $1 in
		ours) echo "http://127.0.0.1:$OUR_PORT/graphql" ;;
		floor) echo "http://127.0.0.1:$FLOOR_PORT/" ;;
		*) echo "http://127.0.0.1:$PG_PORT/graphql" ;;
	esac
}

# Is query d answerable by this server? (the traffic query lands with the polls/traffic feature)
has_traffic_query() {
	curl -s "$(url ours)" -H 'Content-Type: application/json' \
		-d '{"query":"{ __type(name: \"Query\") { fields { name } } }"}' | jq -e '.data.__type.fields | map(.name) | index("traffic")' >/dev/null
}

# verify QUERY: both servers answer 200 without errors, and the same data once normalised
verify() {
	local q=$1 server status
	for server in ours postgraphile; do
		status=$(curl -s -o "$WORK/$q.$server.response" -w '%{http_code}' "$(url $server)" \
			-H 'Content-Type: application/json' --data-binary "@$WORK/$q.$server.json")
		[[ $status == 200 ]] || die "($q) $server answered HTTP $status: $(head -c 300 "$WORK/$q.$server.response")"
		python3 "$HERE/normalise.py" "$q" "$server" < "$WORK/$q.$server.response" > "$WORK/$q.$server.canonical" \
			|| die "($q) $server answered with errors"
	done
	if ! cmp -s "$WORK/$q.ours.canonical" "$WORK/$q.postgraphile.canonical"; then
		diff "$WORK/$q.ours.canonical" "$WORK/$q.postgraphile.canonical" | head -20 >&2
		die "($q) the two servers answered different data"
	fi
	log "($q) verified: same data from both ($(wc -c < "$WORK/$q.ours.response") and $(wc -c < "$WORK/$q.postgraphile.response") bytes)"
}

# the processes whose CPU a measured run counts (lib.sh: snapshot)
server_pids() {
	case $1 in
		ours) echo "$OUR_PID" ;;
		floor) echo "$FLOOR_PID" ;;
		*) echo "$PG_PID" $(pgrep -P "$PG_PID" || true) ;;
	esac
}

# memory of our server while it is under load: max RSS (/proc, every 2 s) and heap used (one jstat printing every 2 s:
# a jstat started for each sample, a JVM start every 2 s, cost the measured server ~10 % of its throughput on (d) at
# 4 connections and raised that run's p99 from ~16 to ~24 ms)
sample_memory() {
	local pid=$1 out=$2
	"$JSTAT" -gc "$pid" 2000 > "$out.jstat" 2>/dev/null &
	while kill -0 "$pid" 2>/dev/null; do
		awk '/VmRSS/ {print $2}' "/proc/$pid/status" >> "$out.rss" 2>/dev/null || true
		sleep 2
	done
}
gc_seconds() { "$JSTAT" -gc "$1" | awk 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} NR==2 {print $h["GCT"]}'; }

# --- 6. our server without the response cache: (a), (b), (d), and (c) uncached --------------------------------
log "second start (demo data already loaded), response cache off"
start_ours uncached WITH_ARCHIVE --egov.cache.responses=0; SECOND_MS=$STARTUP_MS
if [[ $HAS_TRAFFIC == t ]] && has_traffic_query; then QUERIES="$QUERIES d"; elif [[ $HAS_TRAFFIC == t ]]; then log "(d) skipped: this server has no traffic query yet"; fi
for q in $QUERIES; do verify "$q"; done
if (( VERIFY_ONLY )); then log "VERIFY_ONLY=1: every query verified, nothing timed"; exit 0; fi

sample_memory "$OUR_PID" "$WORK/memory" & SAMPLER_PID=$!
warm ours $QUERIES
warm postgraphile $QUERIES

# --- 7. each query on both servers, back to back --------------------------------------------------------------
# This machine (a VM) changes speed by itself: three starts of the same jar on query (b), minutes apart, cost our
# JVM 0.89, 0.98 and 1.42 ms of CPU per request and PostgreSQL 0.31, 0.36 and 0.48 ms, the same factor for both.
# Each query is therefore measured on our server and at once on PostGraphile, so that both meet the same machine.
GC_S=0; OUR_MS=0
ours_measure() { # measure on our server, adding up its GC time and measured time
	local g0 t0
	g0=$(gc_seconds "$OUR_PID"); t0=$(now_ms)
	measure "$@"
	GC_S=$(awk -v s="$GC_S" -v a="$g0" -v b="$(gc_seconds "$OUR_PID")" 'BEGIN { print s + b - a }')
	OUR_MS=$(( OUR_MS + $(now_ms) - t0 ))
}
for q in $QUERIES; do
	ours_measure "$q" ours
	measure "$q" postgraphile
done
if [[ $QUERIES == *d* ]]; then
	CONN=$LATENCY_CONNECTIONS ours_measure d ours ours-c$LATENCY_CONNECTIONS
	CONN=$LATENCY_CONNECTIONS measure d postgraphile postgraphile-c$LATENCY_CONNECTIONS
fi
stop_pid "$SAMPLER_PID"; SAMPLER_PID=""
MAX_RSS_KB=$(awk '$1 > r { r = $1 } END { printf "%d\n", r }' "$WORK/memory.rss")
MAX_HEAP_KB=$(awk '$1 == "S0C" { for (i = 1; i <= NF; i++) h[$i] = i; next }
	{ u = $h["S0U"] + $h["S1U"] + $h["EU"] + $h["OU"]; if (u > m) m = u } END { printf "%d\n", m }' "$WORK/memory.jstat")
GC_SHARE=$(awk -v g="$GC_S" -v t="$OUR_MS" 'BEGIN { printf "%.1f", 100 * g / (t / 1000) }')
# wrk closes its connections at the end of each run; the requests in flight then are cancelled and logged
# (AbortExecutionException). Anything else logged as ERROR is counted.
OUR_ERRORS=$(grep ' ERROR ' "$WORK/server-uncached.log" | grep -vc 'AbortExecutionException' || true)
OUR_CANCELLED=$(grep ' ERROR ' "$WORK/server-uncached.log" | grep -c 'AbortExecutionException' || true)
stop_ours
PG_RSS_KB=0
for pid in $(server_pids postgraphile); do
	PG_RSS_KB=$(( PG_RSS_KB + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0) ))
done

# --- 8. our server with its response cache: (c) ------------------------------------------------------------------
log "third start, response cache on"
start_ours cached WITH_ARCHIVE; THIRD_MS=$STARTUP_MS
verify c
CACHE_HEADER=$(curl -s -D - -o /dev/null "$(url ours)" -H 'Content-Type: application/json' --data-binary "@$WORK/c.ours.json" \
	| tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
[[ $CACHE_HEADER == HIT ]] || die "(c) the response cache did not answer the repeated ranking (X-Cache: $CACHE_HEADER)"
WARMUP=$(( WARMUP / 3 )) warm ours c
measure c ours cached
measure c postgraphile postgraphile-cached # again, beside the cached run (step 7)
stop_ours

# --- 9. the floor: the same libraries without our server ------------------------------------------------------
# Floor.java answers a JSON object of the size of our (c) answer, from memory or from one SQL statement, with Reactor
# Netty, r2dbc-postgresql, r2dbc-pool and Jackson from our jar and nothing else: what any server on these libraries
# spends on such a request at least, beside what ours spends on the cached and the uncached (c).
C_BYTES=$(wc -c < "$WORK/c.ours.response")
echo "{\"bytes\": $C_BYTES, \"statement\": false}" > "$WORK/memory.floor.json"
echo "{\"bytes\": $C_BYTES, \"statement\": true}" > "$WORK/statement.floor.json"
log "starting Floor.java on port $FLOOR_PORT"
port_free "$FLOOR_PORT"
"$JAVA" $JAVA_OPTS "${RUNTIME_OPTS[@]}" -cp "$APP/lib/*" "$HERE/Floor.java" "$PGHOST" "$PGPORT" "$PGUSER" "$DB" \
	"$FLOOR_PORT" > "$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
answers_floor() { [[ $(curl -s "$(url floor)" --data-binary "@$WORK/statement.floor.json" | wc -c) == "$C_BYTES" ]]; }
await Floor.java "$FLOOR_PID" "$WORK/floor.log" answers_floor
WARMUP=$(( WARMUP / 3 )) warm floor memory statement
measure memory floor
measure statement floor
stop_pid "$FLOOR_PID"; FLOOR_PID=""

# --- 10. the table -----------------------------------------------------------------------------------------------
describe() {
	case $1 in
		a) echo "(a) 100 agencies x DTI 2024 scores, uncached" ;;
		b) echo "(b) one agency + its 12 DTI 2024 scores, uncached" ;;
		c) echo "(c) DTI 2022 provincial ranking (63), uncached" ;;
		d) echo "(d) traffic, a year by day, uncached" ;;
		e) echo "(e) rank changes DTI 2023 -> 2024, provinces (63), uncached" ;;
		f) echo "(f) 100 measurements of one indicator + agencies, uncached" ;;
		g) echo "(g) every target (49) with its indicator, uncached" ;;
		h) echo "(h) legal documents with their basedOn/citedBy graph, uncached" ;;
		i) echo "(i) polls with their site and options' votes, uncached" ;;
		z) echo "(z) { __typename }: the fixed cost of a request, no data" ;;
		d-low) echo "(d) the same at $LATENCY_CONNECTIONS connections (below saturation)" ;;
		c-cached) echo "(c) DTI 2022 provincial ranking (63), our response cache" ;;
	esac
}
goal() { # goal ROW: "ratio MIN", "p99 MAX" (ms) or "none"; the target column and the verdict both come from it
	case $1 in a|c|e) echo "ratio 2" ;; c-cached) echo "ratio 20" ;; d-low) echo "p99 50" ;; z) echo "none" ;; *) echo "ratio 1.5" ;; esac
}
target() { # target ROW
	local kind value
	read -r kind value < <(goal "$1")
	case $kind in ratio) echo ">= ${value}x" ;; p99) echo "p99 < $value ms" ;; *) echo "none" ;; esac
}
verdict() { # verdict ROW RATIO P99
	local kind value
	read -r kind value < <(goal "$1")
	case $kind in
		ratio) awk -v r="$2" -v min="$value" 'BEGIN { print (r >= min ? "met" : "NOT met") }' ;;
		p99) awk -v p="$3" -v max="$value" 'BEGIN { print (p < max ? "met" : "NOT met") }' ;;
		*) echo "reference" ;;
	esac
}

echo
echo "## GraphQL vs PostGraphile — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s of warm-up per server (+${QUERY_WARMUP}s per query); our server: java $JAVA_VERSION $JAVA_OPTS ${RUNTIME_OPTS[*]}; PostGraphile $PG_VERSION --cluster-workers 2"
echo
echo "| query | ours req/s | ours p50 ms | ours p99 ms | PostGraphile req/s | PG p50 ms | PG p99 ms | ratio | target | | ours CPU ms/req | PG CPU ms/req |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|"
ROWS_OUT="$QUERIES c-cached"
[[ $QUERIES == *d* ]] && ROWS_OUT="$ROWS_OUT d-low"
for row in $ROWS_OUT; do
	case $row in
		c-cached) ours_key=c.cached; pg_key=c.postgraphile-cached ;;
		d-low) ours_key=d.ours-c$LATENCY_CONNECTIONS; pg_key=d.postgraphile-c$LATENCY_CONNECTIONS ;;
		*) ours_key=$row.ours; pg_key=$row.postgraphile ;;
	esac
	ours=${RESULT[$ours_key]}; pg=${RESULT[$pg_key]}
	ratio=$(awk -v a="$(field "$ours" rps)" -v b="$(field "$pg" rps)" 'BEGIN { printf "%.2f", a / b }')
	printf '| %s | %s | %s | %s | %s | %s | %s | %sx | %s | %s | %s | %s |\n' "$(describe "$row")" \
		"$(field "$ours" rps)" "$(field "$ours" p50_ms)" "$(field "$ours" p99_ms)" \
		"$(field "$pg" rps)" "$(field "$pg" p50_ms)" "$(field "$pg" p99_ms)" "$ratio" "$(target "$row")" \
		"$(verdict "$row" "$ratio" "$(field "$ours" p99_ms)")" "${CPU[$ours_key]}" "${CPU[$pg_key]}"
done
echo
echo "Responses: $(for q in $QUERIES; do printf '(%s) %s B ours / %s B PostGraphile; ' "$q" "$(wc -c < "$WORK/$q.ours.response")" "$(wc -c < "$WORK/$q.postgraphile.response")"; done)"
echo "Every response verified before timing (HTTP 200, no errors, same normalised data on both); every timed run: 0 non-2xx, 0 socket errors."
echo "CPU ms/req: CPU time per answered request during the measured run, of the server's processes + of the PostgreSQL backends connected to the benchmark database (/proc/<pid>/stat)."
echo
echo "| the floor: Floor.java, our jar's libraries only | req/s | p50 ms | p99 ms | CPU ms/req | our server, the same size of answer | ours req/s | ours CPU ms/req |"
echo "|---|---:|---:|---:|---:|---|---:|---:|"
floor_row() { # floor_row FLOOR_KEY DESCRIPTION OUR_KEY OUR_DESCRIPTION
	local floor=${RESULT[$1]}
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(field "$floor" rps)" "$(field "$floor" p50_ms)" \
		"$(field "$floor" p99_ms)" "${CPU[$1]}" "$4" "$(field "${RESULT[$3]}" rps)" "${CPU[$3]}"
}
floor_row memory.floor "$C_BYTES B of JSON from memory" c.cached "(c) from the response cache"
floor_row statement.floor "$C_BYTES B of JSON from one SQL statement" c.ours "(c) uncached: one compiled statement"
echo
echo "| our server | |"
echo "|---|---|"
echo "| start-up to /actuator/health UP, first start (migrations + demo data load), java -jar | ${FIRST_MS} ms |"
echo "| start-up to UP, demo data already loaded, java -jar (no start-up archive): median of $STARTUPS (each) | ${PLAIN_MS} ms (${PLAIN_STARTS// / / } ms) |"
echo "| $ARCHIVE_KIND training run (start to refreshed context, archive written) | ${TRAINING_MS} ms |"
echo "| start-up to UP, demo data already loaded, extracted jar + $ARCHIVE_KIND: median of $STARTUPS (each) | ${ARCHIVE_MS} ms (${ARCHIVE_STARTS// / / } ms) |"
echo "| the same, the starts before the uncached and the cached runs (PostGraphile running) | ${SECOND_MS} ms / ${THIRD_MS} ms |"
echo "| max RSS under load (uncached runs) | $(( MAX_RSS_KB / 1024 )) MiB |"
echo "| max heap used under load (jstat S0U+S1U+EU+OU), limit $JAVA_OPTS | $(( MAX_HEAP_KB / 1024 )) MiB |"
echo "| time in GC during the uncached runs | ${GC_SHARE} % |"
echo "| ERROR lines in the server log during the uncached runs (besides requests cut off when wrk stops: ${OUR_CANCELLED} lines) | ${OUR_ERRORS} |"
echo "| PostGraphile RSS after its runs (master + 2 workers) | $(( PG_RSS_KB / 1024 )) MiB |"
echo
echo "Data: $ROWS."
echo
echo "Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
