#!/usr/bin/env bash
# Beacon benchmark: drives POST /api/hits with wrk against the packaged server on a scratch database, stops
# the server gracefully, checks that the stored hit count equals the 2xx responses wrk saw, and measures
# plain single-row INSERTs into the same PostgreSQL with pgbench for comparison. See README.md.
set -euo pipefail

cd "$(dirname "$0")/../.."
HERE=bench/beacon
DURATION=${DURATION:-30}        # measured seconds
WARMUP=${WARMUP:-10}            # warm-up seconds
CONNECTIONS=${CONNECTIONS:-16}  # wrk connections (one per wrk thread, see hits.lua)
PORT=${PORT:-18080}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
DB_USER=${DB_USER:-postgres}
DB=${BENCH_DB:-egov_bench_$(date +%s)}
OUT=${OUT:-target/bench-beacon}
mkdir -p "$OUT"
export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER

if ! command -v wrk > /dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
		apt-get install -y -qq wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
	fi
	command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
fi
JAR=$(ls target/egov-dashboard-*.jar 2> /dev/null | head -1 || true)
if [ -z "$JAR" ]; then
	./mvnw -q -B -DskipTests package
	JAR=$(ls target/egov-dashboard-*.jar | head -1)
fi

SERVER_PID=
cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2> /dev/null; then
		kill -TERM "$SERVER_PID" || true
		wait "$SERVER_PID" || true
	fi
	if [ "${KEEP_DB:-0}" != 1 ]; then
		psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" || true
	fi
}
trap cleanup EXIT

echo "== server: $JAR on port $PORT, database $DB (created and migrated by the server, no demo data)"
DB_HOST=$DB_HOST DB_PORT=$DB_PORT DB_USER=$DB_USER DB_NAME=$DB DEMO_DATA=false SERVER_PORT=$PORT \
	TRAFFIC_VISITOR_SALT=bench-salt POLL_VOTER_SALT=bench-salt RATE_LIMIT_ENABLED=false \
	java -Xms512m -Xmx1g -jar "$JAR" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
	if curl -fs "http://127.0.0.1:$PORT/actuator/health" 2> /dev/null | grep -q UP; then
		break
	fi
	sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" | grep -q UP || { echo "server did not start, see $OUT/server.log" >&2; exit 1; }

psql -q -d "$DB" -c "INSERT INTO site (code, name, note) VALUES ('BENCH', 'Benchmark site', 'bench/beacon'), ('BENCHWARM', 'Benchmark warm-up site', 'bench/beacon')"
# The beacon learns new site codes within seconds; wait until it takes a warm-up hit.
for _ in $(seq 1 30); do
	if curl -s -H 'Content-Type: application/json' -d '{"site":"BENCHWARM","path":"/"}' "http://127.0.0.1:$PORT/api/hits" | grep -q '"accepted":1'; then
		break
	fi
	sleep 1
done

echo "== warm-up: ${WARMUP}s"
SITE=BENCHWARM wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/warmup.lua" "http://127.0.0.1:$PORT/api/hits" > "$OUT/warmup.txt"
tail -3 "$OUT/warmup.txt"

echo "== measured: ${DURATION}s, $CONNECTIONS connections"
SITE=BENCH STOP_AFTER=$DURATION wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$((DURATION + 3))s" --timeout 10s --latency \
	-s "$HERE/hits.lua" "http://127.0.0.1:$PORT/api/hits" | tee "$OUT/wrk.txt"
COUNTED=$(awk '/^COUNTED_2XX/ {print $2}' "$OUT/wrk.txt")
OTHER=$(awk '/^COUNTED_OTHER/ {print $2}' "$OUT/wrk.txt")
P99_US=$(awk '/^P99_US/ {print $2}' "$OUT/wrk.txt")

curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^egov_hits_(accepted|rejected|dropped|flushed)_total|^egov_hits_flush_seconds_(count|sum|max)' > "$OUT/metrics.txt" || true

echo "== graceful stop (SIGTERM)"
STOP_STARTED=$(date +%s%N)
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=
STOP_SECONDS=$(awk -v a="$STOP_STARTED" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')

STORED=$(psql -tA -d "$DB" -c "SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE site_code = 'BENCH' AND granularity = 'MINUTE'")
STORED_DAY=$(psql -tA -d "$DB" -c "SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE site_code = 'BENCH' AND granularity = 'DAY'")
STORED_PAGES=$(psql -tA -d "$DB" -c "SELECT coalesce(sum(views), 0) FROM page WHERE site_code = 'BENCH'")
ROWS=$(psql -tA -d "$DB" -c "SELECT count(*) FROM traffic_bucket WHERE site_code = 'BENCH'")

echo "== plain single-row INSERTs (pgbench, $CONNECTIONS clients, ${DURATION}s)"
psql -q -d "$DB" -c "CREATE TABLE bench_hit (id bigserial PRIMARY KEY, site_code text NOT NULL, path text NOT NULL, visitor bigint NOT NULL, seen_at timestamptz NOT NULL)"
pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$HERE/insert.sql" "$DB" | tee "$OUT/pgbench.txt"
INSERTS=$(awk '/^tps/ {print $3; exit}' "$OUT/pgbench.txt")

RATE=$(awk -v n="$COUNTED" -v d="$DURATION" 'BEGIN {printf "%d", n / d}')
echo
echo "== result"
echo "machine:           $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(psql -tA -d postgres -c 'SHOW server_version')"
echo "beacon:            $COUNTED 2xx in ${DURATION}s = ~$RATE hits/s; non-2xx: $OTHER; p99 latency: $(awk -v u="$P99_US" 'BEGIN {printf "%.2f", u / 1000}') ms"
echo "server metrics:    $(tr '\n' ' ' < "$OUT/metrics.txt")"
echo "graceful stop:     ${STOP_SECONDS}s"
echo "stored:            $STORED views in minute buckets, $STORED_DAY in day buckets, $STORED_PAGES in pages ($ROWS bucket rows)"
echo "plain INSERTs:     $INSERTS per second (pgbench, one row per transaction)"
if [ "$STORED" = "$COUNTED" ] && [ "$STORED_DAY" = "$COUNTED" ] && [ "$STORED_PAGES" = "$COUNTED" ]; then
	echo "count check:       PASS (stored = 2xx = $COUNTED)"
else
	echo "count check:       FAIL (2xx $COUNTED, stored $STORED / $STORED_DAY / $STORED_PAGES)"
	exit 1
fi
