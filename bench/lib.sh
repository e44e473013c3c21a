# Shared by the benchmark scripts (sourced, not run): process bookkeeping that leaves no server
# behind, and the small arithmetic of their summaries. A script sets BENCH_NAME, sources this file,
# then calls bench_processes; every pid it appends to `pids` is stopped on exit, Ctrl-C included.

# bench_processes: a temporary directory ($tmp) and the traps that clean up after the script
bench_processes() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$BENCH_NAME.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  trap 'echo; echo "$BENCH_NAME: interrupted; stopping the servers it started" >&2; exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap 'exit 141' PIPE
}
stop_pid() { # PID: TERM, then KILL after 5 s
  local p=$1 i
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}
bench_cleanup() {
  local p
  for p in "${pids[@]:-}"; do [ -n "$p" ] && stop_pid "$p"; done
  rm -rf "$tmp"
}

now_ms() { local t=${EPOCHREALTIME/[.,]/}; REPLY=$((t / 1000)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
low() { printf '%s\n' "$@" | sort -g | head -1; }
high() { printf '%s\n' "$@" | sort -g | tail -1; }
# fmt DECIMALS VALUE: thousands separators from 1,000 on
fmt() { awk -v d="$1" -v v="$2" 'BEGIN { s = sprintf("%." d "f", v); i = index(s, "."); n = i ? substr(s, 1, i - 1) : s; f = i ? substr(s, i) : "";
  while (n ~ /[0-9][0-9][0-9][0-9]/) { sub(/[0-9][0-9][0-9]($|,)/, ",&", n); } print n f }'; }
# summary DECIMALS VALUES...: "median (low-high)"
summary() {
  local d=$1; shift
  if [ $# -eq 0 ]; then echo "n/a"; return; fi
  if [ $# -eq 1 ]; then fmt "$d" "$1"; return; fi
  echo "$(fmt "$d" "$(median "$@")") ($(fmt "$d" "$(low "$@")")-$(fmt "$d" "$(high "$@")"))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
to_ms() { # wrk's latency with its unit -> ms
  awk -v v="$1" 'BEGIN { u = v; sub(/^[0-9.]+/, "", u); x = v + 0;
    if (u == "us") x /= 1000; else if (u == "s") x *= 1000; else if (u == "m") x *= 60000; printf "%.3f", x }'
}
