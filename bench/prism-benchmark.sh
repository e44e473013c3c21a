#!/usr/bin/env bash
# The mock against Stoplight Prism on the same plain OpenAPI document, in ONE run. Not a test: it
# measures and prints. Kept apart from mock-benchmark.sh (which compares the page's mock with
# WireMock and Jetty) so that each can change alone; the method is the same.
#
# Servers, all measured in the same run:
#   page     the mock on the kit's own page, as users start it (java -jar mock-server.jar --port N),
#            answering mock-benchmark.sh's request (bench/patch.lua: a valid PATCH)
#   petstore the mock on corpus/oai-petstore-expanded (--spec), answering bench/petstore.lua:
#            GET /pets/1, GET /pets?limit=10 and POST /pets with a valid body, in turn
#   prism    Prism 5 (spec-tools' pinned @stoplight/prism-cli) mocking the same document under the
#            same load, `prism mock DOC` with its defaults except --verboseLevel (see --prism-log)
#   wiremock the baseline: stock WireMock (from the mock's jar) with three static stubs giving
#            bench/petstore.lua's three requests a fixed 2xx JSON answer each, request journal off,
#            no matching beyond method and path: what serving the petstore costs with no contract
#   jetty    the ceiling: a bare Jetty 11 handler (bench/BareJetty.java, petstore mode) giving the
#            same three fixed answers, with no matching, validation or state
#
# Method: every server starts and answers before the load starts; each gets the same warm-up
# (its measured load, in slices alternated between servers); then rounds of one wrk burst per
# server, the order rotated each round. Per burst: req/s, p50, p99, the server's CPU time per
# request (utime + stime of the process and its children from /proc over the burst, divided by
# the requests answered). Ratios are taken within a round, then their median.
#
# Exit status: 0 done; 1 a server did not start or answer, or a burst failed; 2 bad usage or a tool
# missing (wrk, java, node, curl, python3, the jar, Prism in spec-tools/target/npm).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
usage: bench/prism-benchmark.sh [options]
  --warmup SECONDS      warm-up load per server, the same for all (default 30)
  --duration SECONDS    length of one measured burst (default 10)
  --rounds N            measured rounds, one burst per server each (default 3)
  --connections N       wrk connections, with 2 wrk threads (default 16)
  --servers LIST        comma-separated subset of page,petstore,prism,wiremock,jetty (default all)
  --document FILE       the plain document of petstore and prism (default
                        corpus/oai-petstore-expanded/petstore-expanded.yaml; the load is
                        bench/petstore.lua, so another document needs the same paths)
  --prism-log LEVEL     Prism's --verboseLevel (default error: it logs no line per request,
                        which only makes it faster; "info" is Prism's own default)
  --jvm-opts "OPTS"     JVM options of the mock (default: none)
  --jar PATH            the mock's jar (default mock-server/target/mock-server.jar)
  -h, --help            this text
Prism is the one spec-tools installs: (cd spec-tools && mvn ... test) or, by hand,
  mkdir -p spec-tools/target/npm && cp spec-tools/package*.json spec-tools/target/npm/ &&
  (cd spec-tools/target/npm && npm ci --ignore-scripts)
Raw figures go to bench/results/prism-benchmark-<time>.tsv, the summary to <time>.md beside it.
USAGE
}

warmup=30; duration=10; rounds=3; connections=16; servers=page,petstore,prism,wiremock,jetty
document=corpus/oai-petstore-expanded/petstore-expanded.yaml; prism_log=error
jvm_opts=""; jar=mock-server/target/mock-server.jar
prism_js=spec-tools/target/npm/node_modules/@stoplight/prism-cli/dist/index.js
bad_usage() { echo "prism-benchmark: $*" >&2; echo "(bench/prism-benchmark.sh --help lists the options)" >&2; exit 2; }
need_value() { [ $# -ge 2 ] || bad_usage "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) need_value "$@"; warmup=${2%s}; shift 2 ;;
    --duration) need_value "$@"; duration=${2%s}; shift 2 ;;
    --rounds) need_value "$@"; rounds=$2; shift 2 ;;
    --connections) need_value "$@"; connections=$2; shift 2 ;;
    --servers) need_value "$@"; servers=$2; shift 2 ;;
    --document) need_value "$@"; document=$2; shift 2 ;;
    --prism-log) need_value "$@"; prism_log=$2; shift 2 ;;
    --jvm-opts) need_value "$@"; jvm_opts=$2; shift 2 ;;
    --jar) need_value "$@"; jar=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown option $1" ;;
  esac
done
for v in warmup duration rounds connections; do
  [[ ${!v} =~ ^[0-9]+$ ]] || bad_usage "--$v takes a whole number, not '${!v}'"
done
[ "$duration" -gt 0 ] || bad_usage "--duration must be at least 1"
[ "$rounds" -gt 0 ] || bad_usage "--rounds must be at least 1"
[ "$connections" -ge 2 ] || bad_usage "--connections must be at least 2 (wrk runs 2 threads)"
all_kinds=(page petstore prism wiremock jetty)
kinds=()
IFS=, read -ra asked <<<"$servers"
for a in "${asked[@]}"; do
  [[ " ${all_kinds[*]} " == *" $a "* ]] || bad_usage "unknown server '$a' (known: ${all_kinds[*]})"
done
for k in "${all_kinds[@]}"; do
  for a in "${asked[@]}"; do [ "$a" = "$k" ] && kinds+=("$k") && break; done
done
[ ${#kinds[@]} -gt 0 ] || bad_usage "--servers names no server"
jvm=(); [ -n "$jvm_opts" ] && read -ra jvm <<<"$jvm_opts"

for tool in wrk java node curl python3; do
  command -v "$tool" >/dev/null || { echo "prism-benchmark: $tool is needed and not on the PATH" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "prism-benchmark: $jar is missing; build it: mvn -B -o -q -DskipTests package -pl mock-server -am" >&2; exit 2; }
[ -f "$document" ] || bad_usage "no document at $document"
if [[ " ${kinds[*]} " == *" prism "* ]] && [ ! -f "$prism_js" ]; then
  echo "prism-benchmark: Prism is not installed at $prism_js (see --help)" >&2; exit 2
fi

page_path=/assistant/update/550e8400-e29b-41d4-a716-446655440000
page_body='{"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"JBFqnCBv7z4s9ByuOnH"}}'
grep -qF "$page_body" bench/patch.lua || { echo "prism-benchmark: bench/patch.lua does not send the page's body" >&2; exit 2; }

BENCH_NAME=prism-benchmark
. bench/lib.sh
bench_processes

# the baseline's stubs: bench/petstore.lua's three requests, each a fixed answer
mkdir -p "$tmp/wiremock/mappings"
python3 - "$tmp/wiremock/mappings/petstore.json" <<'EOF'
import json, sys
pet = {"id": 1, "name": "doggie", "tag": "dog"}
def stub(method, path, status, body):
    return {"request": {"method": method, "urlPath": path},
            "response": {"status": status, "headers": {"Content-Type": "application/json"},
                         "body": json.dumps(body)}}
json.dump({"mappings": [stub("GET", "/pets/1", 200, pet), stub("GET", "/pets", 200, [pet]),
                        stub("POST", "/pets", 200, pet)]}, open(sys.argv[1], "w"))
EOF

# the ceiling: a bare Jetty handler, compiled against the Jetty in the mock's jar
if [[ " ${kinds[*]} " == *" jetty "* ]]; then
  mkdir -p "$tmp/jetty"
  javac -nowarn -cp "$jar" -d "$tmp/jetty" bench/BareJetty.java
fi

hz=$(getconf CLK_TCK)
tree_ticks() { # PID -> REPLY: utime + stime of the process and its live descendants, in clock ticks
  REPLY=$(python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1]); kids = {}; ticks = {}
for d in os.listdir('/proc'):
    if not d.isdigit():
        continue
    try:
        s = open(f'/proc/{d}/stat').read()
    except OSError:
        continue
    f = s[s.rindex(')') + 2:].split()
    kids.setdefault(int(f[1]), []).append(int(d)); ticks[int(d)] = int(f[11]) + int(f[12])
todo, total = [root], 0
while todo:
    p = todo.pop(); total += ticks.get(p, 0); todo += kids.get(p, [])
print(total)
PY
)
}

declare -A pid_of port_of lua_of url_of
launch() { # KIND PORT: starts a server in the background; LAUNCHED is its pid
  local kind=$1 port=$2 log=$tmp/$1.log
  case "$kind" in
    page) java "${jvm[@]}" -jar "$jar" --port "$port" >"$log" 2>&1 & ;;
    petstore) java "${jvm[@]}" -jar "$jar" --spec "$document" --port "$port" >"$log" 2>&1 & ;;
    wiremock) java "${jvm[@]}" -cp "$jar" wiremock.Run --port "$port" --bind-address 127.0.0.1 \
      --root-dir "$tmp/wiremock" --no-request-journal --disable-request-logging --disable-gzip \
      --disable-banner >"$log" 2>&1 & ;;
    jetty) java "${jvm[@]}" -cp "$jar:$tmp/jetty" BareJetty "$port" petstore >"$log" 2>&1 & ;;
    prism) node "$prism_js" mock "$document" --host 127.0.0.1 --port "$port" --verboseLevel "$prism_log" >"$log" 2>&1 & ;;
  esac
  LAUNCHED=$!
  pids+=("$LAUNCHED")
}
probe() { # KIND PORT -> the status of the kind's first request
  if [ "$1" = page ]; then
    curl -s -o /dev/null --max-time 5 -w '%{http_code}' -X PATCH "http://127.0.0.1:$2$page_path" \
      -H 'Content-Type: application/json' -H 'Authorization: Bearer mock-dev-key' -d "$page_body" || true
  else
    curl -s -o /dev/null --max-time 5 -w '%{http_code}' -X POST "http://127.0.0.1:$2/pets" \
      -H 'Content-Type: application/json' -d '{"name":"doggie","tag":"dog"}' || true
  fi
}
start() { # KIND: launches it and waits for its first 2xx
  local kind=$1 port t0 code
  port=$(free_port); now_ms; t0=$REPLY
  launch "$kind" "$port"
  while :; do
    code=$(probe "$kind" "$port")
    [[ $code == 2?? ]] && break
    kill -0 "$LAUNCHED" 2>/dev/null || { echo "prism-benchmark: $kind exited before answering; its log:" >&2; tail -20 "$tmp/$kind.log" >&2; exit 1; }
    now_ms
    [ $((REPLY - t0)) -lt 180000 ] || { echo "prism-benchmark: $kind gave no 2xx in 180 s (last ${code:-none})" >&2; tail -20 "$tmp/$kind.log" >&2; exit 1; }
    sleep 0.05
  done
  now_ms
  pid_of[$kind]=$LAUNCHED; port_of[$kind]=$port
  if [ "$kind" = page ]; then lua_of[$kind]=bench/patch.lua; url_of[$kind]=http://127.0.0.1:$port$page_path
  else lua_of[$kind]=bench/petstore.lua; url_of[$kind]=http://127.0.0.1:$port; fi
  echo "$kind: pid $LAUNCHED, port $port, first 2xx after $((REPLY - t0)) ms"
}

wrk_out=$tmp/wrk.out
burst() { # KIND SECONDS
  wrk -t2 -c"$connections" -d"${2}s" --latency -s "${lua_of[$1]}" "${url_of[$1]}" >"$wrk_out" 2>&1 &
  pids+=("$!")
  wait "$!" || { echo "prism-benchmark: wrk failed:" >&2; cat "$wrk_out" >&2; exit 1; }
}

stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p bench/results
raw=bench/results/prism-benchmark-$stamp.tsv
md=bench/results/prism-benchmark-$stamp.md
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
java_version=$(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')
node_version=$(node --version)
prism_version=$(node "$prism_js" --version 2>/dev/null || echo "n/a")
read -r load1 _ </proc/loadavg
{
  echo "# bench/prism-benchmark.sh, $(date -Iseconds), commit $commit, Java $java_version, node $node_version, Prism $prism_version, $(nproc) cores, load $load1"
  printf 'round\tserver\treq_per_s\trequests\tp50_ms\tp99_ms\tnon_2xx\tsocket_errors\tcpu_us_per_req\n'
} >"$raw"
echo "== prism-benchmark: ${kinds[*]}; document $document; commit $commit; Java $java_version; node $node_version; Prism $prism_version"
awk -v l="$load1" -v c="$(nproc)" 'BEGIN { exit !(l > 0.25 * c) }' &&
  echo "note: load average $load1 on $(nproc) cores: the machine is not quiet, expect noisy figures"

for k in "${kinds[@]}"; do start "$k"; done

if [ "$warmup" -gt 0 ]; then
  slice=15; [ "$warmup" -lt "$slice" ] && slice=$warmup
  left=$warmup
  while [ "$left" -gt 0 ]; do
    s=$slice; [ "$left" -lt "$s" ] && s=$left
    for k in "${kinds[@]}"; do burst "$k" "$s"; done
    left=$((left - s))
    echo "  warm-up: $((warmup - left)) of ${warmup} s done for each server"
  done
fi

declare -A rps_of cpu_of p50_of p99_of ratios_of
ratio_names=(page/prism_rps petstore/prism_rps petstore/page_rps petstore/wiremock_rps petstore/jetty_rps petstore/prism_cpu petstore/page_cpu petstore/wiremock_cpu petstore/jetty_cpu jetty/prism_rps)
errors_seen=0
n=${#kinds[@]}
echo "== $rounds rounds: wrk -t2 -c$connections -d${duration}s --latency, one burst per server, order rotated"
for round in $(seq 1 "$rounds"); do
  declare -A r_rps=() r_cpu=()
  for j in $(seq 0 $((n - 1))); do
    k=${kinds[$(((j + round - 1) % n))]}
    sleep 1
    tree_ticks "${pid_of[$k]}"; c0=$REPLY
    burst "$k" "$duration"
    tree_ticks "${pid_of[$k]}"; c1=$REPLY
    read -r rps reqs p50 p99 non2xx sockerr < <(awk '
      /Requests\/sec/ { rps = $2 } /requests in/ { n = $1 }
      $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
      /Non-2xx/ { non = $NF } /Socket errors/ { gsub(/,/, ""); se = $4 + $6 + $8 + $10 }
      END { print rps, n, p50, p99, non + 0, se + 0 }' "$wrk_out")
    p50=$(to_ms "$p50"); p99=$(to_ms "$p99")
    cpu=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$reqs" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    flag=""
    if [ "$non2xx" -gt 0 ] || [ "$sockerr" -gt 0 ]; then flag="  !! non-2xx $non2xx, socket errors $sockerr"; errors_seen=1; fi
    printf 'round %d/%d %-8s %8.0f req/s  p50 %7.2f ms  p99 %7.1f ms  CPU %7s µs/req%s\n' \
      "$round" "$rounds" "$k" "$rps" "$p50" "$p99" "$cpu" "$flag"
    printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$k" "$rps" "$reqs" "$p50" "$p99" "$non2xx" "$sockerr" "$cpu" >>"$raw"
    rps_of[$k]+="$rps "; cpu_of[$k]+="$cpu "; p50_of[$k]+="$p50 "; p99_of[$k]+="$p99 "
    r_rps[$k]=$rps; r_cpu[$k]=$cpu
  done
  for r in "${ratio_names[@]}"; do
    a=${r%%/*}; b=${r#*/}; b=${b%_*}; what=${r##*_}
    if [ -n "${r_rps[$a]:-}" ] && [ -n "${r_rps[$b]:-}" ]; then
      if [ "$what" = rps ]; then ratios_of[$r]+="$(ratio "${r_rps[$a]}" "${r_rps[$b]}") "
      else ratios_of[$r]+="$(ratio "${r_cpu[$a]}" "${r_cpu[$b]}") "; fi
    fi
  done
  unset r_rps r_cpu
done
for k in "${kinds[@]}"; do stop_pid "${pid_of[$k]}"; done

{
  echo "Settings: ${warmup} s warm-up per server; $rounds rounds of ${duration} s \`wrk -t2 -c$connections\`, servers alternated;"
  echo "mock JVM \`$jvm_opts\`, Java $java_version; Prism $prism_version on node $node_version, \`--verboseLevel $prism_log\`;"
  echo "$(nproc) cores, load generator on the same machine, load average $load1 at start; commit $commit, $(date +%Y-%m-%d)."
  echo "page: the mock on the kit's page, bench/patch.lua; petstore and prism: $document, bench/petstore.lua;"
  echo "wiremock: stock WireMock, three static stubs for bench/petstore.lua's requests, journal off;"
  echo "jetty: a bare Jetty handler giving the same three answers (bench/BareJetty.java petstore), the ceiling."
  echo "Median (range) over the rounds."
  echo
  header="| figure |"; rule="|---|"
  for k in "${kinds[@]}"; do header+=" $k |"; rule+="---|"; done
  echo "$header"; echo "$rule"
  for fig in "req/s:rps_of:0" "CPU per request, µs:cpu_of:1" "p50, ms:p50_of:2" "p99, ms:p99_of:1"; do
    IFS=: read -r label arr d <<<"$fig"
    declare -n ref=$arr
    line="| $label |"
    for k in "${kinds[@]}"; do read -ra v <<<"${ref[$k]:-}"; line+=" $(summary "$d" "${v[@]}") |"; done
    echo "$line"
    unset -n ref
  done
  echo
  echo "| ratio, same round (median, range) | value | target |"
  echo "|---|---|---|"
  for r in "${ratio_names[@]}"; do
    [ -n "${ratios_of[$r]:-}" ] || continue
    read -ra v <<<"${ratios_of[$r]}"
    case "$r" in
      page/prism_rps) label="mock on the page / Prism on the petstore, req/s"; target="" ;;
      petstore/prism_rps) label="mock / Prism on the petstore, req/s"; target="≥ 10" ;;
      petstore/page_rps) label="mock on the petstore / mock on the page, req/s"; target="≈ 1 (≥ 0.9)" ;;
      petstore/prism_cpu) label="mock / Prism on the petstore, CPU per request"; target="" ;;
      petstore/page_cpu) label="mock on the petstore / on the page, CPU per request"; target="" ;;
      petstore/wiremock_rps) label="mock / stock WireMock's static stubs on the petstore, req/s"; target="" ;;
      petstore/wiremock_cpu) label="mock / stock WireMock's static stubs on the petstore, CPU per request"; target="" ;;
      petstore/jetty_rps) label="mock / bare Jetty (the ceiling) on the petstore, req/s"; target="" ;;
      petstore/jetty_cpu) label="mock / bare Jetty (the ceiling) on the petstore, CPU per request"; target="" ;;
      jetty/prism_rps) label="bare Jetty / Prism on the petstore, req/s (the most any Java server here could show)"; target="" ;;
    esac
    echo "| $label | $(summary 2 "${v[@]}") | $target |"
  done
} >"$md"
echo "== summary (Markdown, also in $md)"
cat "$md"
if [ $errors_seen != 0 ]; then
  echo "warning: some bursts had non-2xx answers or socket errors (marked !! above): their figures do not compare"
  exit 1
fi
echo "raw figures: $raw"
