#!/usr/bin/env bash
# Benchmark of the mock against stock WireMock and a bare Jetty handler, all in ONE run, all
# answering the same request: a valid pipeline switch (PATCH /assistant/update/{id}), which the
# mock's state keeps valid however often it is sent. Not a test: it measures and prints.
#
# Servers (--servers picks a subset; all share the same JVM options):
#   jetty     a bare Jetty 11 handler answering the same 200 body (bench/BareJetty.java): the ceiling
#   wiremock  stock WireMock 3.13.2 serving a static stub for the request, request journal off,
#             no request logging, gzip off: the baseline of the issue "faster, measured fairly"
#   mock      the mock as users start it: java -jar mock-server.jar --port N (journal on)
#   proxy     the mock as a validating proxy (--proxy-to) in front of the upstream below
#   direct    that upstream (another mock), called directly: proxy / direct is the proxy's cost
# proxy and direct are skipped, with a message, when the jar's --help does not list --proxy-to.
#
# Method, so that the figures can be compared: every server is started and answering before the
# load starts; each gets the same warm-up (the measured request, wrk alike, in slices alternated
# between servers, since the JIT keeps improving for ~45 s here); then rounds of wrk bursts, one
# per server in turn, the order rotated each round, so that the machine's other load falls on
# all alike. Per burst: req/s, p50, p99, the server's CPU time per request (utime + stime from
# /proc/<pid>/stat over the burst, divided by the requests answered) and the CPU the rest of the
# machine used meanwhile (a sign of a noisy round). Ratios are taken within a round, then their
# median. Run it on a quiet machine: the load generator shares the cores with the server.
#
# Exit status: 0 done; 1 a server did not start or answer; 2 bad usage, or wrk, java, curl,
# python3 or the jar missing.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bench/mock-benchmark.sh [options]
  --warmup SECONDS        warm-up load per server, same for all (default 45)
  --duration SECONDS      length of one measured burst (default 10)
  --rounds N              measured rounds; each runs one burst per server (default 6; 0: none)
  --connections N         wrk connections, with 2 wrk threads (default 32)
  --servers LIST          comma-separated subset of jetty,wiremock,mock,proxy,direct (default all)
  --startups N            cold starts per server timed to the first answered PATCH (default 3; 0: none)
  --soak-requests N       afterwards, RSS and live heap of a fresh mock over N requests (default 0: off)
  --jvm-opts "OPTS"       JVM options of every Java server (default: none, as the README's command)
  --jar PATH              the mock's jar (default mock-server/target/mock-server.jar)
  --upstream-latency MS   the proxy's upstream (direct) answers after MS ms, as a deployment across
                          a network does (default 0: CPU-bound, the proxy and its upstream share the cores)
  -h, --help              this text
Raw figures go to bench/results/mock-benchmark-<time>.tsv, the summary to <time>.md beside it.
EOF
}

warmup=45; duration=10; rounds=6; connections=32; servers=jetty,wiremock,mock,proxy,direct
startups=3; soak=0; jvm_opts=""; jar=mock-server/target/mock-server.jar; upstream_latency=0
bad_usage() { echo "mock-benchmark: $*" >&2; echo "(bench/mock-benchmark.sh --help lists the options)" >&2; exit 2; }
need_value() { [ $# -ge 2 ] || bad_usage "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) need_value "$@"; warmup=${2%s}; shift 2 ;;
    --duration) need_value "$@"; duration=${2%s}; shift 2 ;;
    --rounds) need_value "$@"; rounds=$2; shift 2 ;;
    --connections) need_value "$@"; connections=$2; shift 2 ;;
    --servers) need_value "$@"; servers=$2; shift 2 ;;
    --startups) need_value "$@"; startups=$2; shift 2 ;;
    --soak-requests) need_value "$@"; soak=$2; shift 2 ;;
    --jvm-opts) need_value "$@"; jvm_opts=$2; shift 2 ;;
    --jar) need_value "$@"; jar=$2; shift 2 ;;
    --upstream-latency) need_value "$@"; upstream_latency=${2%ms}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown option $1" ;;
  esac
done
for v in warmup duration rounds connections startups soak upstream_latency; do
  [[ ${!v} =~ ^[0-9]+$ ]] || bad_usage "--$(echo "${v/soak/soak-requests}" | tr _ -) takes a whole number, not '${!v}'"
done
[ "$duration" -gt 0 ] || bad_usage "--duration must be at least 1"
[ "$connections" -ge 2 ] || bad_usage "--connections must be at least 2 (wrk runs 2 threads)"
all_kinds=(jetty wiremock mock proxy direct)
kinds=()
IFS=, read -ra asked <<<"$servers"
for k in "${all_kinds[@]}"; do # keep the canonical order; reject unknown names
  for a in "${asked[@]}"; do [ "$a" = "$k" ] && kinds+=("$k") && break; done
done
for a in "${asked[@]}"; do
  [[ " ${all_kinds[*]} " == *" $a "* ]] || bad_usage "unknown server '$a' (known: ${all_kinds[*]})"
done
[ ${#kinds[@]} -gt 0 ] || bad_usage "--servers names no server"
jvm=(); [ -n "$jvm_opts" ] && read -ra jvm <<<"$jvm_opts"

for tool in wrk java javac curl python3; do
  command -v "$tool" >/dev/null && continue
  hint=""; [ "$tool" = wrk ] && hint=": apt-get install -y wrk"
  echo "mock-benchmark: $tool is needed and not on the PATH$hint" >&2
  exit 2
done
[ -f "$jar" ] || {
  echo "mock-benchmark: $jar is missing; build it: mvn -B -o -q -DskipTests package -pl mock-server -am" >&2
  exit 2
}

# ---- what every server answers, and how it is asked --------------------------------------------
id=550e8400-e29b-41d4-a716-446655440000
path=/assistant/update/$id
body='{"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"JBFqnCBv7z4s9ByuOnH"}}'
answer='{"success":true,"message":"Assistant updated successfully","data":{"assistant_id":"'$id'"}}'
lua=bench/patch.lua
grep -qF "$body" "$lua" || { echo "mock-benchmark: $lua does not send the benchmark's body" >&2; exit 2; }

# ---- processes: every one this script starts is killed on exit, Ctrl-C included -----------------
BENCH_NAME=mock-benchmark
. bench/lib.sh
bench_processes

hz=$(getconf CLK_TCK)
proc_ticks() { # PID -> REPLY: utime + stime in clock ticks, without forking
  local s f
  read -r s <"/proc/$1/stat"
  s=${s##*) }
  read -ra f <<<"$s"
  REPLY=$((f[11] + f[12]))
}
machine_ticks() { # REPLY: busy clock ticks of the whole machine
  local _cpu u n s idle io irq sirq steal _rest
  read -r _cpu u n s idle io irq sirq steal _rest </proc/stat
  REPLY=$((u + n + s + irq + sirq + steal))
}
child_cpu_ms() { # FILE written by `times` -> REPLY: user + sys of waited-for children, in ms
  REPLY=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%d", t * 1000 }' "$1")
}

# the bare Jetty handler, compiled once so its start-up is not the source launcher's compile
javac -nowarn -cp "$jar" -d "$tmp/jetty" bench/BareJetty.java
# stock WireMock's static stub, loaded from its root directory at start
mkdir -p "$tmp/wiremock/mappings" "$tmp/wiremock/__files"
python3 - "$tmp/wiremock/mappings/pipeline-switch.json" "$path" "$answer" <<'EOF'
import json, sys
out, path, answer = sys.argv[1:]
json.dump({"request": {"method": "PATCH", "urlPath": path},
           "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": answer}},
          open(out, "w"))
EOF

have_proxy=no
if java "${jvm[@]}" -jar "$jar" --help 2>&1 | grep -q -- '--proxy-to'; then have_proxy=yes; fi
if [ $have_proxy = no ] && [[ " ${kinds[*]} " == *" proxy "* || " ${kinds[*]} " == *" direct "* ]]; then
  echo "note: skipping proxy and direct: 'java -jar $jar --help' does not list --proxy-to (the proxy mode is not in this jar yet)"
  kept=()
  for k in "${kinds[@]}"; do [ "$k" = proxy ] || [ "$k" = direct ] || kept+=("$k"); done
  kinds=("${kept[@]}")
  [ ${#kinds[@]} -gt 0 ] || { echo "mock-benchmark: no server left to measure" >&2; exit 2; }
fi

declare -A pid_of port_of
# launch KIND PORT [UPSTREAM_PORT]: starts a server in the background; LAUNCHED is its pid
launch() {
  local kind=$1 port=$2 up=${3:-} log=$tmp/$1-$2.log
  case "$kind" in
    jetty) java "${jvm[@]}" -cp "$jar:$tmp/jetty" BareJetty "$port" >"$log" 2>&1 & ;;
    wiremock) java "${jvm[@]}" -cp "$jar" wiremock.Run --port "$port" --bind-address 127.0.0.1 \
      --root-dir "$tmp/wiremock" --no-request-journal --disable-request-logging --disable-gzip \
      --disable-banner >"$log" 2>&1 & ;;
    mock) java "${jvm[@]}" -jar "$jar" --port "$port" >"$log" 2>&1 & ;;
    direct) java "${jvm[@]}" -jar "$jar" --port "$port" --latency "$upstream_latency" >"$log" 2>&1 & ;;
    proxy) java "${jvm[@]}" -jar "$jar" --port "$port" --proxy-to "http://127.0.0.1:$up" >"$log" 2>&1 & ;;
  esac
  LAUNCHED=$!
  pids+=("$LAUNCHED")
}
ask() { # PORT -> the status code and body of one PATCH
  curl -s --max-time 5 -w '\n%{http_code}' -X PATCH "http://127.0.0.1:$1$path" \
    -H 'Content-Type: application/json' -H 'Authorization: Bearer mock-dev-key' -d "$body" || true
}
# start KIND [UPSTREAM_PORT]: launches a server and waits for its first 200 to the PATCH;
# sets STARTED_PID, STARTED_PORT and STARTED_MS (JVM launch to the first 200)
start() {
  local kind=$1 up=${2:-} port t0 got code
  port=$(free_port)
  now_ms; t0=$REPLY
  launch "$kind" "$port" "$up"
  while :; do
    got=$(ask "$port"); code=${got##*$'\n'}
    [ "$code" = 200 ] && break
    if ! kill -0 "$LAUNCHED" 2>/dev/null; then
      echo "mock-benchmark: $kind exited before answering; its log:" >&2; tail -20 "$tmp/$kind-$port.log" >&2; exit 1
    fi
    now_ms
    if [ $((REPLY - t0)) -gt 120000 ]; then
      echo "mock-benchmark: $kind gave no 200 in 120 s (last status ${code:-none}); its log:" >&2
      tail -20 "$tmp/$kind-$port.log" >&2; exit 1
    fi
    sleep 0.005
  done
  now_ms; STARTED_MS=$((REPLY - t0)); STARTED_PID=$LAUNCHED; STARTED_PORT=$port
  [ "${got%$'\n'*}" = "$answer" ] || echo "warning: $kind answers another body than the others: ${got%$'\n'*}" >&2
}

# ---- figures --------------------------------------------------------------------------------

stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p bench/results
raw=bench/results/mock-benchmark-$stamp.tsv
md=bench/results/mock-benchmark-$stamp.md
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
java_version=$(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')
cores=$(nproc)
read -r load1 _ </proc/loadavg
{
  echo "# bench/mock-benchmark.sh, $(date -Iseconds), commit $commit, Java $java_version, $cores cores"
  echo "# warmup ${warmup}s per server, $rounds rounds of ${duration}s, wrk -t2 -c$connections, JVM $jvm_opts, servers ${kinds[*]}, upstream latency ${upstream_latency} ms"
  printf '# %s\n' "load average at start: $load1"
  printf 'phase\tround\tserver\treq_per_s\trequests\tp50_ms\tp99_ms\tnon_2xx\tsocket_errors\tcpu_us_per_req\tupstream_cpu_us_per_req\tother_load_cores\twrk_cores\tstartup_ms\n'
} >"$raw"

echo "== mock-benchmark: ${kinds[*]}; commit $commit; Java $java_version; $cores cores; JVM $jvm_opts"
n=${#kinds[@]}
if [ "$rounds" -gt 0 ]; then
  echo "   about $(((startups * n * 4 + n * 4 + warmup * n + rounds * n * (duration + 2) + 59) / 60)) min:" \
    "$startups start(s), ${warmup} s warm-up and $rounds burst(s) of ${duration} s for each of $n server(s)"
fi
if awk -v l="$load1" -v c="$cores" 'BEGIN { exit !(l > 0.25 * c) }'; then
  echo "note: load average $load1 on $cores cores: the machine is not quiet, expect noisy figures"
fi

# ---- start-up: JVM launch to the first answered PATCH, cold starts alternated ----------------
declare -A startup_of
if [ "$startups" -gt 0 ]; then
  echo "== start-up: JVM launch to the first answered PATCH, $startups cold start(s) per server, alternated"
  helper_pid=""; helper_port=""
  for k in "${kinds[@]}"; do
    if [ "$k" = proxy ]; then # the proxy needs an upstream answering already: not timed
      start direct; helper_pid=$STARTED_PID; helper_port=$STARTED_PORT
    fi
  done
  for i in $(seq 1 "$startups"); do
    for k in "${kinds[@]}"; do
      [ "$k" = direct ] && continue # the same program as mock
      start "$k" "$helper_port"
      stop_pid "$STARTED_PID"
      startup_of[$k]+="$STARTED_MS "
      printf 'start %d/%d %-8s %6d ms\n' "$i" "$startups" "$k" "$STARTED_MS"
      printf 'startup\t%d\t%s\t\t\t\t\t\t\t\t\t\t\t%d\n' "$i" "$k" "$STARTED_MS" >>"$raw"
    done
  done
  [ -n "$helper_pid" ] && stop_pid "$helper_pid"
fi

# ---- throughput -------------------------------------------------------------------------------
wrk_out=$tmp/wrk.out
# burst PORT SECONDS: one wrk run, the same command for warm-up and rounds; WRK_CPU_MS is its CPU
burst() {
  local t0 t1
  times >"$tmp/times0"
  wrk -t2 -c"$connections" -d"${2}s" --latency -s "$lua" "http://127.0.0.1:$1$path" >"$wrk_out" 2>&1 &
  pids+=("$!")
  wait "$!" || { echo "mock-benchmark: wrk failed:" >&2; cat "$wrk_out" >&2; exit 1; }
  times >"$tmp/times1"
  child_cpu_ms "$tmp/times0"; t0=$REPLY
  child_cpu_ms "$tmp/times1"; t1=$REPLY
  WRK_CPU_MS=$((t1 - t0))
}

declare -A rps_of cpu_of p50_of p99_of
declare -A peak_of=() # set after the rounds; declared here so that a run of start-ups alone has it
ratio_names=(); declare -A ratios_of
add_ratio() { # NAME VALUE
  [[ " ${ratio_names[*]} " == *" $1 "* ]] || ratio_names+=("$1")
  ratios_of[$1]+="$2 "
}
errors_seen=0
if [ "$rounds" -gt 0 ]; then
  echo "== servers: started one after another, each answering before the next starts"
  for k in "${kinds[@]}"; do
    [ "$k" = proxy ] && continue # after its upstream
    start "$k"; pid_of[$k]=$STARTED_PID; port_of[$k]=$STARTED_PORT
    echo "$k: pid $STARTED_PID, port $STARTED_PORT, first 200 after $STARTED_MS ms"
  done
  if [[ " ${kinds[*]} " == *" proxy "* ]]; then
    if [ -z "${port_of[direct]:-}" ]; then # measured without direct: an upstream of its own
      start direct; upstream_pid=$STARTED_PID; upstream_port=$STARTED_PORT
    else
      upstream_pid=${pid_of[direct]}; upstream_port=${port_of[direct]}
    fi
    start proxy "$upstream_port"; pid_of[proxy]=$STARTED_PID; port_of[proxy]=$STARTED_PORT
    echo "proxy: pid $STARTED_PID, port $STARTED_PORT, to the upstream on port $upstream_port, first 200 after $STARTED_MS ms"
  fi

  slice=15; [ "$warmup" -lt "$slice" ] && slice=$warmup
  if [ "$warmup" -gt 0 ]; then
    echo "== warm-up: ${warmup} s of the measured load per server, in slices of up to ${slice} s alternated"
    left=$warmup
    while [ "$left" -gt 0 ]; do
      s=$slice; [ "$left" -lt "$s" ] && s=$left
      for k in "${kinds[@]}"; do burst "${port_of[$k]}" "$s"; done
      left=$((left - s))
      echo "  warm-up: $((warmup - left)) of ${warmup} s done for each server"
    done
  fi

  echo "== $rounds rounds: wrk -t2 -c$connections -d${duration}s --latency, one burst per server, order rotated each round"
  echo "   (CPU: the server's utime + stime per request; other: cores used by everything but the server and wrk)"
  n_kinds=${#kinds[@]}
  for round in $(seq 1 "$rounds"); do
    declare -A r_rps=() r_cpu=() r_p50=() r_p99=()
    for j in $(seq 0 $((n_kinds - 1))); do
      k=${kinds[$(((j + round - 1) % n_kinds))]}
      sleep 1 # let the previous burst's connections close and the JVMs settle
      up_ticks0=0; up_ticks1=0
      [ "$k" = proxy ] && { proc_ticks "$upstream_pid"; up_ticks0=$REPLY; }
      proc_ticks "${pid_of[$k]}"; c0=$REPLY
      machine_ticks; m0=$REPLY
      now_ms; w0=$REPLY
      burst "${port_of[$k]}" "$duration"
      now_ms; w1=$REPLY
      machine_ticks; m1=$REPLY
      proc_ticks "${pid_of[$k]}"; c1=$REPLY
      [ "$k" = proxy ] && { proc_ticks "$upstream_pid"; up_ticks1=$REPLY; }
      read -r rps n p50 p99 non2xx sockerr < <(awk '
        /Requests\/sec/ { rps = $2 }
        /requests in/ { n = $1 }
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        /Non-2xx/ { non = $NF }
        /Socket errors/ { gsub(/,/, ""); se = $4 + $6 + $8 + $10 }
        END { print rps, n, p50, p99, non + 0, se + 0 }' "$wrk_out")
      p50=$(to_ms "$p50"); p99=$(to_ms "$p99")
      cpu=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
      up_cpu=""; up_note=""
      if [ "$k" = proxy ]; then
        up_cpu=$(awk -v t=$((up_ticks1 - up_ticks0)) -v hz="$hz" -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
        up_note=", upstream CPU $up_cpu µs/req"
      fi
      other=$(awk -v m=$((m1 - m0)) -v s=$((c1 - c0 + up_ticks1 - up_ticks0)) -v w="$WRK_CPU_MS" -v hz="$hz" -v ms=$((w1 - w0)) \
        'BEGIN { o = ((m - s) / hz - w / 1000) / (ms / 1000); if (o < 0) o = 0; printf "%.2f", o }')
      wrk_cores=$(awk -v w="$WRK_CPU_MS" -v ms=$((w1 - w0)) 'BEGIN { printf "%.2f", w / ms }')
      flag=""
      if [ "$non2xx" -gt 0 ] || [ "$sockerr" -gt 0 ]; then flag="  !! non-2xx $non2xx, socket errors $sockerr"; errors_seen=1; fi
      printf 'round %d/%d %-8s %9s req/s  p50 %6.2f ms  p99 %6.1f ms  CPU %6s µs/req  other %s cores%s%s\n' \
        "$round" "$rounds" "$k" "$(fmt 0 "$rps")" "$p50" "$p99" "$cpu" "$other" "$up_note" "$flag"
      printf 'round\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n' \
        "$round" "$k" "$rps" "$n" "$p50" "$p99" "$non2xx" "$sockerr" "$cpu" "$up_cpu" "$other" "$wrk_cores" >>"$raw"
      rps_of[$k]+="$rps "; cpu_of[$k]+="$cpu "; p50_of[$k]+="$p50 "; p99_of[$k]+="$p99 "
      r_rps[$k]=$rps; r_cpu[$k]=$cpu; r_p50[$k]=$p50; r_p99[$k]=$p99
    done
    line=""
    if [ -n "${r_rps[mock]:-}" ] && [ -n "${r_rps[wiremock]:-}" ]; then
      add_ratio mock/wiremock_rps "$(ratio "${r_rps[mock]}" "${r_rps[wiremock]}")"
      add_ratio mock/wiremock_cpu "$(ratio "${r_cpu[mock]}" "${r_cpu[wiremock]}")"
      add_ratio mock/wiremock_p99 "$(ratio "${r_p99[mock]}" "${r_p99[wiremock]}")"
      line+="mock/wiremock req/s $(ratio "${r_rps[mock]}" "${r_rps[wiremock]}"), CPU/req $(ratio "${r_cpu[mock]}" "${r_cpu[wiremock]}"), p99 $(ratio "${r_p99[mock]}" "${r_p99[wiremock]}"); "
    fi
    if [ -n "${r_rps[mock]:-}" ] && [ -n "${r_rps[jetty]:-}" ]; then
      add_ratio mock/jetty_rps "$(ratio "${r_rps[mock]}" "${r_rps[jetty]}")"
    fi
    if [ -n "${r_rps[wiremock]:-}" ] && [ -n "${r_rps[jetty]:-}" ]; then
      add_ratio wiremock/jetty_rps "$(ratio "${r_rps[wiremock]}" "${r_rps[jetty]}")"
    fi
    if [ -n "${r_rps[proxy]:-}" ] && [ -n "${r_rps[direct]:-}" ]; then
      add_ratio proxy/direct_rps "$(ratio "${r_rps[proxy]}" "${r_rps[direct]}")"
      add_ratio proxy/direct_p50 "$(ratio "${r_p50[proxy]}" "${r_p50[direct]}")"
      add_ratio proxy/direct_p99 "$(ratio "${r_p99[proxy]}" "${r_p99[direct]}")"
      add_ratio proxy/direct_cpu "$(ratio "${r_cpu[proxy]}" "${r_cpu[direct]}")"
      line+="proxy/direct req/s $(ratio "${r_rps[proxy]}" "${r_rps[direct]}"), p50 $(ratio "${r_p50[proxy]}" "${r_p50[direct]}"), p99 $(ratio "${r_p99[proxy]}" "${r_p99[direct]}")"
    fi
    [ -n "$line" ] && echo "round $round/$rounds ratios: ${line%; }"
    unset r_rps r_cpu r_p50 r_p99
  done
  # the most memory each server held at once, warm-up and rounds included (the kernel's VmHWM)
  for k in "${kinds[@]}"; do
    peak_of[$k]=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/${pid_of[$k]}/status")
    printf 'peak\t\t%s\t\t\t\t\t\t\t\t\t\t\t\t%s\n' "$k" "${peak_of[$k]}" >>"$raw"
  done
  for k in "${kinds[@]}"; do stop_pid "${pid_of[$k]}"; done
  [ -n "${upstream_pid:-}" ] && stop_pid "$upstream_pid"
fi

# ---- summary, Markdown ---------------------------------------------------------------------------
# start-up and peak RSS compare once per run: the medians of the cold starts, the peaks of the load
if [ -n "${startup_of[mock]:-}" ] && [ -n "${startup_of[wiremock]:-}" ]; then
  add_ratio mock/wiremock_startup "$(ratio "$(median ${startup_of[mock]})" "$(median ${startup_of[wiremock]})")"
fi
if [ -n "${peak_of[mock]:-}" ] && [ -n "${peak_of[wiremock]:-}" ]; then
  add_ratio mock/wiremock_rss "$(ratio "${peak_of[mock]}" "${peak_of[wiremock]}")"
fi
if [ "$rounds" -gt 0 ] || [ "$startups" -gt 0 ]; then
{
  echo "Settings: ${warmup} s warm-up per server; $rounds rounds of ${duration} s \`wrk -t2 -c$connections\`, servers alternated;"
  echo "JVM \`$jvm_opts\`; Java $java_version; $cores cores, load generator on the same machine; commit $commit, $(date +%Y-%m-%d)."
  echo "The proxy's upstream (direct) answers after ${upstream_latency} ms."
  echo "Median (range) over the rounds; start-up: median (range) of $startups cold start(s) per server."
  echo
  header="| figure |"; rule="|---|"
  for k in "${kinds[@]}"; do header+=" $k |"; rule+="---|"; done
  echo "$header"; echo "$rule"
  row() { # LABEL ARRAY DECIMALS: one cell per server, "median (range)"
    local -n arr=$2
    local d=$3 line="| $1 |" k v
    for k in "${kinds[@]}"; do
      read -ra v <<<"${arr[$k]:-}"
      if [ ${#v[@]} -eq 0 ] && [ "$k" = direct ] && [ "$2" = startup_s ]; then
        line+=" as mock |" # the same program
      else
        line+=" $(summary "$d" "${v[@]}") |"
      fi
    done
    echo "$line"
  }
  if [ "$rounds" -gt 0 ]; then
    row "req/s" rps_of 0
    row "CPU per request, µs" cpu_of 1
    row "p50, ms" p50_of 2
    row "p99, ms" p99_of 1
    row "peak RSS under the load, MiB" peak_of 0
  fi
  if [ "$startups" -gt 0 ]; then
    declare -A startup_s=()
    for k in "${kinds[@]}"; do
      for v in ${startup_of[$k]:-}; do startup_s[$k]+="$(awk -v v="$v" 'BEGIN { printf "%.2f", v / 1000 }') "; done
    done
    row "JVM launch to first answered PATCH, s" startup_s 2
  fi
  if [ ${#ratio_names[@]} -gt 0 ]; then
    echo
    echo "| ratio, same round (median, range) | value | target |"
    echo "|---|---|---|"
    for r in "${ratio_names[@]}"; do
      read -ra v <<<"${ratios_of[$r]}"
      case "$r" in
        mock/wiremock_rps) label="mock / wiremock, req/s"; target="≥ 1.0 (issue 17)" ;;
        mock/wiremock_cpu) label="mock / wiremock, CPU per request"; target="≤ 1.25 (0.8× the efficiency)" ;;
        mock/wiremock_p99) label="mock / wiremock, p99 at $connections connections"; target="≤ 1.2 (issue 17)" ;;
        mock/wiremock_startup) label="mock / wiremock, JVM launch to first answer (medians)"; target="≤ 1.00" ;;
        mock/wiremock_rss) label="mock / wiremock, peak RSS under the load"; target="≤ 1.00" ;;
        mock/jetty_rps) label="mock / jetty, req/s"; target="" ;;
        wiremock/jetty_rps) label="wiremock / jetty, req/s"; target="" ;;
        proxy/direct_rps) label="proxy / direct, req/s"; target="≥ 0.80" ;;
        proxy/direct_p50) label="proxy / direct, p50"; target="≤ 1.20" ;;
        proxy/direct_p99) label="proxy / direct, p99"; target="" ;;
        proxy/direct_cpu) label="proxy / direct, CPU per request (the proxy's own)"; target="" ;;
      esac
      echo "| $label | $(summary 2 "${v[@]}") | $target |"
    done
  fi
} >"$md"
echo "== summary (Markdown, also in $md)"
cat "$md"
if [ $errors_seen != 0 ]; then
  echo "warning: some bursts had non-2xx answers or socket errors (marked !! above): their figures do not compare"
  # what the servers logged about it (the mock logs every 500 of its own, masked, never a body)
  for f in "$tmp"/*.log; do
    grep -i -m 5 -E 'error|exception' "$f" | sed "s|^|  $(basename "$f" .log): |" || true
  done
fi
echo "raw figures: $raw"
fi

[ "$soak" -gt 0 ] || exit 0

# ---- memory soak of a fresh mock ---------------------------------------------------------------
live_kb() { # heap in use right after a full GC, in KiB
  jcmd "$1" GC.run >/dev/null 2>&1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
requests_of_burst() { awk '/requests in/ {print $1}' "$wrk_out"; }
echo "== memory: RSS of a fresh mock over $soak validated PATCHes, in bursts of ${duration} s"
start mock; soak_pid=$STARTED_PID; soak_port=$STARTED_PORT
burst "$soak_port" 5
rss_warm=$(rss_kb "$soak_pid")
sent=0; now_ms; t0=$REPLY; rss_quarter=""
while [ "$sent" -lt "$soak" ]; do
  burst "$soak_port" "$duration"
  sent=$((sent + $(requests_of_burst)))
  echo "  $sent requests, RSS $(($(rss_kb "$soak_pid") / 1024)) MiB"
  if [ -z "$rss_quarter" ] && [ "$sent" -ge $((soak / 4)) ]; then rss_quarter=$(rss_kb "$soak_pid"); fi
done
rss_end=$(rss_kb "$soak_pid")
now_ms
echo "RSS after warm-up $((rss_warm / 1024)) MiB, at a quarter $((rss_quarter / 1024)) MiB, after $sent requests $((rss_end / 1024)) MiB, peak $(($(hwm_kb "$soak_pid") / 1024)) MiB ($(((REPLY - t0) / 1000)) s)"
# the heap grows to its working size first; flat means no growth from a quarter of the run on
awk -v a="$rss_quarter" -v b="$rss_end" 'BEGIN { printf "RSS growth from a quarter of the run to its end: %.1f%%\n", (b - a) * 100 / a }'
# RSS follows the heap the JVM has committed, which grows with allocation pressure up to -Xmx;
# what a leak grows is the heap still in use after a full GC: measured after the RSS figures (a
# full GC may shrink the committed heap), then again after another quarter of the requests.
live_a=$(live_kb "$soak_pid"); more=0
while [ "$more" -lt $((soak / 4)) ]; do
  burst "$soak_port" "$duration"
  more=$((more + $(requests_of_burst)))
done
live_b=$(live_kb "$soak_pid")
echo "heap in use after a full GC: $((live_a / 1024)) MiB after $sent requests, $((live_b / 1024)) MiB after $((sent + more))"
printf '# soak of the mock: RSS KiB %s after warm-up, %s at a quarter, %s after %d requests; live heap KiB %s, then %s after %d\n' \
  "$rss_warm" "$rss_quarter" "$rss_end" "$sent" "$live_a" "$live_b" "$((sent + more))" >>"$raw"
stop_pid "$soak_pid"
