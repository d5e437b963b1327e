#!/usr/bin/env bash
# Capacity benchmark (docs/capacity.md): generates PORTALS portals x MONTHS months of minute traffic into a scratch
# database migrated by the packaged server, then measures, one request at a time, the latency of the traffic series a
# dashboard asks for (GraphQL over HTTP, REQUESTS each) and PostgreSQL's own time for them (EXPLAIN ANALYZE, with the
# partitions read). Prints the table sizes for the disk arithmetic. See README.md.
#
#   full scale (20 portals x a year, ~10.7 million rows, tens of minutes on 2 cores):  PORTALS=20 MONTHS=12 bench/capacity/run.sh
#   reduced (1 portal-month, ~45,000 rows, a minute):                                  PORTALS=1 MONTHS=1 bench/capacity/run.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
HERE=bench/capacity
PORTALS=${PORTALS:-20}
MONTHS=${MONTHS:-12}
REQUESTS=${REQUESTS:-50}
PORT=${PORT:-18090}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
DB_USER=${DB_USER:-postgres}
DB=${BENCH_DB:-egov_capacity_$(date +%s)}
OUT=${OUT:-target/bench-capacity}
mkdir -p "$OUT"
export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER

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

echo "== $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD), $PORTALS portal(s) x $MONTHS month(s), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server: $JAR on port $PORT, database $DB (migrated by the server, no demo data, minutes kept)"
DB_HOST=$DB_HOST DB_PORT=$DB_PORT DB_USER=$DB_USER DB_NAME=$DB DEMO_DATA=false SERVER_PORT=$PORT \
	TRAFFIC_MINUTE_RETENTION=0 RATE_LIMIT_ENABLED=false EGOV_CACHE_RESPONSES=0 \
	java -Xms256m -Xmx512m -jar "$JAR" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 180); do
	curl -fs "http://127.0.0.1:$PORT/actuator/health" 2> /dev/null | grep -q UP && break
	sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" | grep -q UP || { echo "server did not start, see $OUT/server.log" >&2; exit 1; }

echo "== generate"
psql -q -X -v ON_ERROR_STOP=1 -v portals="$PORTALS" -v months="$MONTHS" -d "$DB" -f "$HERE/generate.sql" | tee "$OUT/generate.txt"

FIRST=$(psql -X -At -d "$DB" -c "SELECT to_char(traffic_partitions_start() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00')")
LAST=$(psql -X -At -d "$DB" -c "SELECT to_char(traffic_month(traffic_partitions_start(), $MONTHS) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00')")
DAY2=$(psql -X -At -d "$DB" -c "SELECT to_char((traffic_partitions_start() + interval '1 day') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00')")
MONTH2=$(psql -X -At -d "$DB" -c "SELECT to_char(traffic_month(traffic_partitions_start(), 1) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS+07:00')")

# name | from | to | granularity
SHAPES="all-by-day|$FIRST|$LAST|DAY
all-by-month|$FIRST|$LAST|MONTH
month-by-hour|$FIRST|$MONTH2|HOUR
day-by-minute|$FIRST|$DAY2|MINUTE"

echo "== series latency over HTTP, one request at a time, $REQUESTS per shape (after 5 warm-up requests), portals picked in turn"
printf '%-15s %8s %8s %8s %8s %7s\n' shape p50_ms p95_ms max_ms points bytes | tee "$OUT/latency.txt"
while IFS='|' read -r NAME FROM TO GRANULARITY; do
	: > "$OUT/$NAME.times"
	for i in $(seq -4 "$REQUESTS"); do
		SITE=$(printf 'CAP%03d' $(( (i + 4) % PORTALS + 1 )))
		BODY="{\"query\":\"query(\$s: String!, \$f: DateTime!, \$t: DateTime!, \$g: Granularity!) { traffic(siteCode: \$s, from: \$f, to: \$t, granularity: \$g) { start views visitors } }\",\"variables\":{\"s\":\"$SITE\",\"f\":\"$FROM\",\"t\":\"$TO\",\"g\":\"$GRANULARITY\"}}"
		TIME=$(curl -s -o "$OUT/$NAME.json" -w '%{time_total}' -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$PORT/graphql")
		if [ "$i" -gt 0 ]; then echo "$TIME" >> "$OUT/$NAME.times"; fi
	done
	grep -q '"errors"' "$OUT/$NAME.json" && { echo "$NAME answered an error: $(head -c 300 "$OUT/$NAME.json")" >&2; exit 1; }
	POINTS=$(grep -o '"start"' "$OUT/$NAME.json" | wc -l)
	sort -n "$OUT/$NAME.times" | awk -v name="$NAME" -v points="$POINTS" -v bytes="$(wc -c < "$OUT/$NAME.json")" '
		{ t[NR] = $1 * 1000 }
		END { printf "%-15s %8.2f %8.2f %8.2f %8d %7d\n", name, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR], points, bytes }'
done <<< "$SHAPES" | tee -a "$OUT/latency.txt"

echo "== PostgreSQL's own time for the same statements (EXPLAIN ANALYZE; partitions read)"
while IFS='|' read -r NAME FROM TO GRANULARITY; do
	PLAN=$(psql -X -At -d "$DB" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT bucket_start, views, visitors FROM traffic_bucket
		WHERE site_code = 'CAP001' AND granularity = '$GRANULARITY' AND bucket_start >= '$FROM' AND bucket_start < '$TO'
		ORDER BY bucket_start")
	PARTS=$(grep -o 'on traffic_bucket_[a-z0-9_]*' <<< "$PLAN" | sed 's/on //' | sort -u | tr '\n' ' ')
	printf '%-15s %s | %s\n' "$NAME" "$(grep 'Execution Time' <<< "$PLAN" | sed 's/^ *//')" "$PARTS"
done <<< "$SHAPES" | tee "$OUT/explain.txt"
echo "== results in $OUT"
