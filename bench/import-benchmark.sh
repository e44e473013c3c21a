#!/usr/bin/env bash
# Importing many stubs through the admin API (POST /__admin/mappings/import), the mock against
# stock WireMock 3.13.2 from the same jar, alternated: the time of the import as the client sees
# it, the RSS it adds, the peak RSS, the heap still in use after a full GC, and the bytes the
# server's threads allocated while it imported (JFR's per-thread counts: unlike RSS, which follows
# how far G1 grows the heap, they barely move with the machine's load). Each server is started
# fresh for each run, with its default JVM settings (as users start it). Not a test: it measures
# and prints; compare the ratios of one run, the machine is shared.
#
# usage: bench/import-benchmark.sh [--stubs N] [--runs N] [--jar PATH]
# Exit status: 0 done; 1 a server did not start or the import failed; 2 bad usage or a tool missing.
set -euo pipefail
cd "$(dirname "$0")/.."

stubs=10000; runs=3; jar=mock-server/target/mock-server.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --stubs) stubs=${2:?--stubs needs a number}; shift 2 ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --jar) jar=${2:?--jar needs a path}; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "import-benchmark: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $stubs =~ ^[0-9]+$ && $runs =~ ^[0-9]+$ && $runs -ge 1 ]] || { echo "import-benchmark: --stubs and --runs take whole numbers" >&2; exit 2; }
for tool in java jcmd jfr curl python3; do
  command -v "$tool" >/dev/null || { echo "import-benchmark: $tool is needed and not on the PATH" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "import-benchmark: $jar is missing; build it: mvn -B -o -q -DskipTests package -pl mock-server -am" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/import-benchmark.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT

# the import: N stubs with ids, a header matcher and a JSON body each (what a recorded suite holds)
python3 - "$tmp/import.json" "$stubs" <<'EOF'
import json, sys, uuid
out, n = sys.argv[1], int(sys.argv[2])
mappings = [{"id": str(uuid.UUID(int=i + 1)),
             "request": {"method": "GET", "urlPath": f"/things/{i}",
                         "headers": {"Accept": {"contains": "json"}}},
             "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                          "jsonBody": {"id": i, "name": f"thing {i}", "tags": ["a", "b"]}}}
            for i in range(n)]
json.dump({"mappings": mappings,
           "importOptions": {"duplicatePolicy": "IGNORE", "deleteAllNotInImport": False}},
          open(out, "w"))
EOF
bytes=$(wc -c <"$tmp/import.json")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
live_kib() { # heap in use right after a full GC
  jcmd "$1" GC.run >/dev/null 2>&1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
allocated_mib() { # bytes every thread allocated between the recording's start and end
  jfr print --json --events jdk.ThreadAllocationStatistics "$1" | python3 -c '
import collections, json, sys
by = collections.defaultdict(list)
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]
    by[(v.get("thread") or {}).get("javaThreadId")].append((v["startTime"], v["allocated"]))
print(sum(max(l)[1] - min(l)[1] for l in by.values()) // 2**20)'
}

# run KIND: one fresh server, one import; prints "seconds added_mib peak_mib live_mib allocated_mib"
run() {
  local kind=$1 port root log i code t0 t1 r0 r1 total
  port=$(free_port); root=$tmp/$kind-root; log=$tmp/$kind.log
  rm -rf "$root"; mkdir -p "$root/mappings" "$root/__files"
  case $kind in
    mock) java -jar "$jar" --port "$port" --root-dir "$root" >"$log" 2>&1 & ;;
    wiremock) java -cp "$jar" wiremock.Run --port "$port" --bind-address 127.0.0.1 \
      --root-dir "$root" --disable-banner >"$log" 2>&1 & ;;
  esac
  pid=$!
  # run is called in a subshell (its output is read): the parent's trap does not know this pid
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for i in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/__admin/mappings?limit=1" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "import-benchmark: $kind exited; its log:" >&2; tail -5 "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ "$code" = 200 ] || { echo "import-benchmark: $kind did not answer in 120 s" >&2; exit 1; }
  sleep 1
  jcmd "$pid" JFR.start name=import settings=default filename="$tmp/$kind.jfr" >/dev/null
  r0=$(kib "$pid" VmRSS)
  t0=$(now_ms)
  code=$(curl -s -o "$tmp/answer" -w '%{http_code}' --max-time 600 -X POST \
    "http://127.0.0.1:$port/__admin/mappings/import" -H 'Content-Type: application/json' \
    --data-binary @"$tmp/import.json")
  t1=$(now_ms)
  r1=$(kib "$pid" VmRSS)
  jcmd "$pid" JFR.stop name=import >/dev/null
  [ "$code" = 200 ] || { echo "import-benchmark: $kind answered $code to the import: $(head -c 300 "$tmp/answer")" >&2; exit 1; }
  total=$(curl -s "http://127.0.0.1:$port/__admin/mappings?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["total"])')
  [ "$total" -ge "$stubs" ] || { echo "import-benchmark: $kind holds $total stubs after the import" >&2; exit 1; }
  echo "$(awk -v t=$((t1 - t0)) 'BEGIN { printf "%.2f", t / 1000 }') $(((r1 - r0) / 1024)) $(($(kib "$pid" VmHWM) / 1024)) $(($(live_kib "$pid") / 1024)) $(allocated_mib "$tmp/$kind.jfr")"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
read -r load1 _ </proc/loadavg
echo "== import-benchmark: $stubs stubs ($((bytes / 1024)) KiB of JSON), $runs run(s) per server, alternated; commit $commit; load average $load1"
declare -A secs added peak live alloc
for r in $(seq 1 "$runs"); do
  for kind in wiremock mock; do
    read -r s a p l m < <(run "$kind")
    printf 'run %d/%d %-8s import %6.2f s  RSS +%4d MiB  peak %4d MiB  live heap after %4d MiB  allocated %4d MiB\n' "$r" "$runs" "$kind" "$s" "$a" "$p" "$l" "$m"
    secs[$kind]+="$s "; added[$kind]+="$a "; peak[$kind]+="$p "; live[$kind]+="$l "; alloc[$kind]+="$m "
  done
done
echo
echo "| median of $runs | stock WireMock | the mock | mock / WireMock |"
echo "|---|---|---|---|"
for row in "import, s:secs" "RSS added by the import, MiB:added" "peak RSS, MiB:peak" "heap in use after, MiB:live" "allocated during the import, MiB:alloc"; do
  label=${row%%:*}; name=${row##*:}
  declare -n arr=$name
  w=$(median ${arr[wiremock]}); m=$(median ${arr[mock]})
  echo "| $label | $w | $m | $(awk -v a="$m" -v b="$w" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') |"
  unset -n arr
done
