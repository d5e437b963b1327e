#!/usr/bin/env bash
# Where our server's CPU goes on one query: async-profiler's CPU samples of the server under wrk load, after the
# warm-up the other scripts give. See README.md beside this file.
#
#   bench/graphql/profile.sh b           # (b): 120 s of warm-up, then 20 s profiled under wrk -t2 -c32
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java DURATION=30 bench/graphql/profile.sh c
#
# Writes to OUT (default /tmp/egov-profile-QUERY): profile.collapsed (the stacks, async-profiler's collapsed format),
# flamegraph.html, and summary.txt (stacks.py: the samples' shares by the code that spent them), which it prints.
# Needs: java 17+ ($JAVA, with jcmd), wrk, jq, curl, psql, python3; async-profiler comes from Maven Central.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$REPO/target/egov-dashboard-0.1.0-SNAPSHOT.jar}
QUERY=${1:-b}
PORT=${PORT:-18083}
DB=${DB:-egov_profile_$$}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20}          # seconds profiled
WARMUP=${WARMUP:-120}             # seconds of load before (README.md: why)
INTERVAL=${INTERVAL:-1ms}         # CPU time between samples
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}   # as run.sh
ASYNC_PROFILER=${ASYNC_PROFILER:-4.2}
OUT=${OUT:-/tmp/egov-profile-$QUERY}

WORK=$(mktemp -d /tmp/egov-profile.XXXXXX)
PID=""

# shellcheck source=lib.sh
source "$HERE/lib.sh"

on_exit PID

JCMD=$(jdk_tool jcmd)
require "$JAVA" "$JCMD" wrk jq curl psql python3
known_query "$QUERY"
[[ $(uname -sm) == "Linux x86_64" ]] || die "this script fetches async-profiler for linux-x64 only"
java_runtime
fresh_jar

url() { echo "http://127.0.0.1:$PORT/graphql"; }
server_pids() { echo "$PID"; }

log "async-profiler $ASYNC_PROFILER from Maven Central"
(cd "$REPO" && ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER:jar:linux-x64" \
	-DoutputDirectory="$WORK") || die "async-profiler $ASYNC_PROFILER could not be fetched"
unzip -q -o -j "$WORK/async-profiler-$ASYNC_PROFILER-linux-x64.jar" 'linux-x64/libasyncProfiler.so' -d "$WORK"
# jcmd reads name=value pairs out of its arguments: the agent's options go in quotes of their own, or it gets none
profiler() { "$JCMD" "$PID" JVMTI.agent_load "$WORK/libasyncProfiler.so" "\"$1\"" >/dev/null; }

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null || die "create database $DB"
start ours "$JAR" "$PORT" ""; PID=$STARTED
body "$QUERY" ours "${OUR_VARIABLES[$QUERY]}" > "$WORK/$QUERY.ours.json"
curl -sf "$(url)" -H 'Content-Type: application/json' --data-binary "@$WORK/$QUERY.ours.json" > "$WORK/answer" \
	|| die "($QUERY): no answer"
! grep -q '"errors"' "$WORK/answer" || die "($QUERY): errors: $(head -c 300 "$WORK/answer")"

warm ours "$QUERY"
mkdir -p "$OUT"
profiler "start,event=cpu,interval=$INTERVAL"
line=$(load "$DURATION" "$QUERY" ours)
profiler "dump,collapsed,file=$OUT/profile.collapsed"
profiler "stop,flamegraph,file=$OUT/flamegraph.html"
log "($QUERY) profiled: $line"
[[ $line =~ non2xx=0\  && $line =~ socket_errors=0\  ]] || die "($QUERY): non-2xx responses or socket errors: $line"
[[ -s $OUT/profile.collapsed ]] || die "async-profiler wrote no samples (see $WORK/server-ours.log)"
{
	echo "($QUERY) $DURATION s of wrk -t$THREADS -c$CONNECTIONS after ${WARMUP}s of warm-up; java $JAVA_VERSION" \
		"$JAVA_OPTS; async-profiler $ASYNC_PROFILER, event=cpu, interval=$INTERVAL"
	echo "$line"
	python3 "$HERE/stacks.py" "$OUT/profile.collapsed"
} | tee "$OUT/summary.txt"
log "written: $OUT/profile.collapsed, $OUT/flamegraph.html, $OUT/summary.txt"
