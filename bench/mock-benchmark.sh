#!/usr/bin/env bash
# Benchmark of the reference mock against WireMock serving a static stub for the same request,
# both from the same jar and JVM, on this machine. Prints req/s, p50/p99, CPU per request,
# start-up to first answered request, and RSS over a long run. Not a test: it only measures and
# prints; compare the ratios, not the absolute numbers (shared, noisy machines).
#
# Three servers are measured side by side:
#   static    stock WireMock serving a static stub, with the mock's WireMock settings (the target)
#   mock      the mock: credentials, validation, state, the contract's answer
#   mockstub  the mock serving a static stub added through /__admin (priority 1): the mock's own
#             engine without the contract's work, so mock vs mockstub is what the contract costs
#
# usage: bench/mock-benchmark.sh [--duration 5s] [--connections 32] [--rounds 6]
#                                [--journal-size 1000] [--soak-requests 1000000]
# (--rounds 0 skips the throughput rounds, --soak-requests 0 the memory soak)
set -euo pipefail
cd "$(dirname "$0")/.."

duration=5s; connections=32; soak=1000000; rounds=6; journal=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --soak-requests) soak=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --journal-size) journal=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

jar=mock-server/target/mock-server.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

id=550e8400-e29b-41d4-a716-446655440000
body='{"assistant_name": "Nova", "assistant_interaction_config": {"speaks_first": true}}'
static_body='{"success":true,"message":"Assistant updated successfully","data":{"assistant_id":"'$id'"}}'
java_opts=(-Xms64m -Xmx512m)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# start_server KIND PORT: starts the mock or the static-stub WireMock; echoes "PID START_MS"
start_server() {
  local kind=$1 port=$2
  if [ "$kind" != static ]; then
    java "${java_opts[@]}" -jar "$jar" --port "$port" --journal-size "$journal" >/dev/null 2>&1 &
  else
    # the same server settings as the mock (journal size, gzip, request log, CORS, acceptors),
    # so the difference measured is the contract's work, not a different WireMock setup
    java "${java_opts[@]}" -cp "$jar" wiremock.Run --port "$port" --bind-address 127.0.0.1 \
      --max-request-journal-entries "$journal" --disable-gzip --disable-banner --disable-request-logging --enable-stub-cors --jetty-acceptor-threads 1 >/dev/null 2>&1 &
  fi
  echo $!
}

static_stub='{"priority":1,"request":{"method":"PATCH","urlPath":"/assistant/update/'$id'"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"body":"'"${static_body//\"/\\\"}"'"}}'

wait_first_answer() { # KIND PORT START_MS -> ms until the first 200 to the PATCH
  local kind=$1 port=$2 start=$3
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH "http://127.0.0.1:$port/assistant/update/$id" \
      -H 'Content-Type: application/json' -H 'Authorization: Bearer mock-dev-key' -d "$body" || true)
    if [ "$code" = 200 ]; then echo $(( $(now_ms) - start )); return 0; fi
    if [ "$code" = 404 ] && [ "$kind" = static ]; then # the server is up: add its stub
      curl -s -o /dev/null -X POST "http://127.0.0.1:$port/__admin/mappings" -d "$static_stub"
    fi
    sleep 0.005
  done
  echo "never answered" >&2; return 1
}

# start_ready KIND: starts a server, waits for its first 200, adds the static stub to mockstub;
# echoes "PID PORT MS_TO_FIRST_ANSWER"
start_ready() {
  local kind=$1 port start pid t
  port=$(free_port); start=$(now_ms); pid=$(start_server "$kind" "$port")
  t=$(wait_first_answer "$kind" "$port" "$start")
  if [ "$kind" = mockstub ]; then
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/__admin/mappings" -d "$static_stub"
    got=$(curl -s -X PATCH "http://127.0.0.1:$port/assistant/update/$id" -d '{}')
    [ "$got" = "$static_body" ] || { echo "mockstub does not serve the static stub: $got" >&2; exit 1; }
  fi
  echo "$pid $port $t"
}

live_kb() { # heap in use right after a full GC, in KiB
  jcmd "$1" GC.run >/dev/null 2>&1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

run_wrk() { # PORT DURATION -> "req/s p50 p99"
  wrk -t2 -c"$connections" -d"$2" --latency -s bench/patch.lua "http://127.0.0.1:$1/assistant/update/$id" > /tmp/wrk.out
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk.out)
  p50=$(awk '$1=="50%" {print $2}' /tmp/wrk.out)
  p99=$(awk '$1=="99%" {print $2}' /tmp/wrk.out)
  non2xx=$(awk '/Non-2xx/ {print $4}' /tmp/wrk.out)
  echo "$rps $p50 $p99 ${non2xx:-0}"
}

echo "== start-up: JVM start to first answered PATCH (ms), 3 runs each"
for kind in static mock; do
  times=()
  for _ in 1 2 3; do
    read -r pid port t < <(start_ready "$kind"); pids+=("$pid")
    times+=("$t"); kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "$kind: ${times[*]}"
done

kinds=(static mock mockstub)
if [ "$rounds" -gt 0 ]; then
echo "== throughput: ${kinds[*]} up at once (journal of $journal), warmed 30 s each, then $rounds rounds of wrk -t2 -c$connections -d$duration against each in turn"
# Short bursts in turn against live servers: whatever else the machine is doing hits all of a
# round alike. Besides req/s, the CPU time each server used per request (from /proc) is
# reported: it depends far less on the machine's other load than req/s does.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
declare -A port_of pid_of
for kind in "${kinds[@]}"; do
  read -r pid port _ < <(start_ready "$kind"); pids+=("$pid")
  port_of[$kind]=$port; pid_of[$kind]=$pid
done
for kind in "${kinds[@]}"; do run_wrk "${port_of[$kind]}" 30s >/dev/null; done
ratios=(); own_ratios=(); cpu_ratios=(); contract_us=()
for round in $(seq 1 "$rounds"); do
  declare -A rps_of cpu_of
  for kind in "${kinds[@]}"; do
    c0=$(cpu_ticks "${pid_of[$kind]}")
    read -r rps p50 p99 non2xx < <(run_wrk "${port_of[$kind]}" "$duration")
    c1=$(cpu_ticks "${pid_of[$kind]}")
    n=$(awk '/requests in/ {print $1}' /tmp/wrk.out)
    cpu_of[$kind]=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    rps_of[$kind]=$rps
    printf 'round %s %-8s %9s req/s, p50 %s, p99 %s, non-2xx %s, CPU %s us/request\n' \
      "$round" "$kind" "$rps" "$p50" "$p99" "$non2xx" "${cpu_of[$kind]}"
  done
  ratios+=("$(awk -v m="${rps_of[mock]}" -v s="${rps_of[static]}" 'BEGIN { printf "%.2f", m / s }')")
  cpu_ratios+=("$(awk -v m="${cpu_of[mock]}" -v s="${cpu_of[static]}" 'BEGIN { printf "%.2f", s / m }')")
  own_ratios+=("$(awk -v m="${rps_of[mock]}" -v s="${rps_of[mockstub]}" 'BEGIN { printf "%.2f", m / s }')")
  contract_us+=("$(awk -v m="${cpu_of[mock]}" -v s="${cpu_of[mockstub]}" 'BEGIN { printf "%.1f", m - s }')")
done
for kind in "${kinds[@]}"; do kill "${pid_of[$kind]}"; wait "${pid_of[$kind]}" 2>/dev/null || true; done
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END { print a[int((NR+1)/2)] }'; }
echo "req/s mock/static per round: ${ratios[*]}; median $(median_of "${ratios[@]}")  (target >= 0.80)"
echo "CPU per request static/mock per round: ${cpu_ratios[*]}; median $(median_of "${cpu_ratios[@]}")  (the same, when CPU-bound)"
echo "req/s mock/mockstub per round: ${own_ratios[*]}; median $(median_of "${own_ratios[@]}")  (the contract's share on the mock's own engine)"
echo "contract's CPU per request, mock minus mockstub: ${contract_us[*]} us; median $(median_of "${contract_us[@]}") us"
fi
[ "$soak" -gt 0 ] || exit 0

echo "== memory: RSS of the mock over $soak validated PATCHes"
read -r pid port _ < <(start_ready mock); pids+=("$pid")
run_wrk "$port" 5s >/dev/null
rss_warm=$(rss_kb "$pid")
sent=0; t0=$(now_ms); rss_quarter=""
while [ "$sent" -lt "$soak" ]; do
  wrk -t2 -c"$connections" -d10s -s bench/patch.lua "http://127.0.0.1:$port/assistant/update/$id" > /tmp/wrk.out
  n=$(awk '/requests in/ {print $1}' /tmp/wrk.out); sent=$((sent + n))
  echo "  $sent requests, RSS $(( $(rss_kb "$pid") / 1024 )) MiB"
  if [ -z "$rss_quarter" ] && [ "$sent" -ge $((soak / 4)) ]; then rss_quarter=$(rss_kb "$pid"); fi
done
rss_end=$(rss_kb "$pid")
echo "RSS after warm-up $((rss_warm / 1024)) MiB, at a quarter $((rss_quarter / 1024)) MiB, after $sent requests $((rss_end / 1024)) MiB, peak $(( $(hwm_kb "$pid") / 1024 )) MiB ($(( ($(now_ms) - t0) / 1000 )) s)"
# the heap grows to its working size first; flat means no growth from a quarter of the run on
awk -v a="$rss_quarter" -v b="$rss_end" 'BEGIN { printf "RSS growth from a quarter of the run to its end: %.1f%%\n", (b - a) * 100 / a }'
# RSS follows the heap the JVM has committed, which grows with allocation pressure up to -Xmx;
# what a leak grows is the heap still in use after a full GC. Measured after the RSS figures (a
# full GC may shrink the committed heap), then again after another quarter of the requests.
live_a=$(live_kb "$pid"); more=0
while [ "$more" -lt $((soak / 4)) ]; do
  wrk -t2 -c"$connections" -d10s -s bench/patch.lua "http://127.0.0.1:$port/assistant/update/$id" > /tmp/wrk.out
  more=$((more + $(awk '/requests in/ {print $1}' /tmp/wrk.out)))
done
live_b=$(live_kb "$pid")
echo "heap in use after a full GC: $((live_a / 1024)) MiB after $sent requests, $((live_b / 1024)) MiB after $((sent + more))"
