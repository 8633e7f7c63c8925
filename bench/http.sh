#!/usr/bin/env bash
# bench/http.sh — HTTP throughput of Loket's /healthz vs a hello-world libmicrohttpd server.
#
# Both servers use the same MHD configuration (epoll internal thread + ITC, thread pool),
# so the ratio loket/baseline measures what Loket adds per request on its cheapest route.
# The two targets are benchmarked alternately over ROUNDS rounds and the median
# Requests/sec of each is kept, so machine noise hits both alike.
#
# Usage: bench/http.sh [--write-docs]
#   --write-docs   add/replace the section "## HTTP: /healthz vs hello-world libmicrohttpd"
#                  in docs/benchmarks.md
# Environment:
#   DURATION        seconds per wrk run             (default 5)
#   ROUNDS          alternating rounds              (default 3)
#   WRK_THREADS     wrk -t                          (default 2)
#   WRK_CONNECTIONS wrk -c                          (default 32)
#   WARMUP          seconds of unmeasured warm-up per target, 0 = none (default 1)
#   THREADS         MHD thread pool size of both servers (default 8, Loket's default);
#                   set for Loket through "threads =" in the temporary loket.conf
#
# Exit status: 0 after a measurement (whatever the numbers), 1 if a server or tool
# cannot be built/started.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
WARMUP=${WARMUP:-1}
THREADS=${THREADS:-8}
TARGET_RATIO=0.90
DOCS=docs/benchmarks.md
SECTION="## HTTP: /healthz vs hello-world libmicrohttpd"

bench_args "$@"


for v in DURATION ROUNDS WRK_THREADS WRK_CONNECTIONS THREADS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"

command -v wrk >/dev/null || die "wrk not found (Debian package 'wrk'; see scripts/deps)"
command -v curl >/dev/null || die "curl not found"
command -v cc >/dev/null || die "cc not found"
pkg-config --exists libmicrohttpd 2>/dev/null \
  || die "libmicrohttpd not found by pkg-config (Debian package 'libmicrohttpd-dev')"

# --- build ---------------------------------------------------------------------------
HELLO=build/bench/hello
LOKET=build/loket
mkdir -p build/bench
# shellcheck disable=SC2046  # pkg-config output must be word-split
cc -O2 -std=c11 -Wall -Wextra -o "$HELLO" bench/hello.c $(pkg-config --cflags --libs libmicrohttpd) \
  || die "cannot build $HELLO"

if [[ ! -x $LOKET ]]; then
  echo "http.sh: $LOKET missing, running 'make $LOKET'"
  make "$LOKET" || die "'make $LOKET' failed; cannot benchmark without the Loket binary"
  [[ -x $LOKET ]] || die "'make $LOKET' succeeded but $LOKET does not exist"
fi

# --- servers ---------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench.XXXXXX")
hello_pid=""
loket_pid=""

# shellcheck disable=SC2317  # stop_server and cleanup are only called from the EXIT trap
stop_server() { stop_pid "$1" 5; }  # pid

# shellcheck disable=SC2317
cleanup() {
  stop_server "$hello_pid"
  stop_server "$loket_pid"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM





HELLO_PORT=$(pick_port)
"$HELLO" "$HELLO_PORT" "$THREADS" >"$TMP/hello.log" 2>&1 &
hello_pid=$!
HELLO_URL="http://127.0.0.1:$HELLO_PORT/"
wait_ready "hello-world server" "$hello_pid" "$HELLO_URL" 10 "$TMP/hello.log"

mkdir -p "$TMP/data"
LOKET_ADMIN_PASSWORD=bench-password-123 "$LOKET" init --data "$TMP/data" >"$TMP/init.log" 2>&1 || {
  echo "http.sh: error: '$LOKET init' failed:" >&2
  tail -n 20 "$TMP/init.log" >&2
  exit 1
}
# Same thread pool size on both sides, or the ratio would compare configurations.
if [[ -f $TMP/data/loket.conf ]]; then
  printf '\n# bench/http.sh\nthreads = %s\n' "$THREADS" >>"$TMP/data/loket.conf"
else
  echo "http.sh: warning: no loket.conf after init; Loket runs with its default thread count" >&2
fi
LOKET_PORT=$(pick_port "$HELLO_PORT")
# stdout: startup line; stderr: access log (one line per request).
"$LOKET" serve --data "$TMP/data" --listen "127.0.0.1:$LOKET_PORT" \
  >"$TMP/loket.out" 2>"$TMP/loket.err" &
loket_pid=$!
LOKET_URL="http://127.0.0.1:$LOKET_PORT/healthz"
wait_ready "loket" "$loket_pid" "$LOKET_URL" 10 "$TMP/loket.out" "$TMP/loket.err"

# --- measure ---------------------------------------------------------------------------
WRK_ARGS="-t$WRK_THREADS -c$WRK_CONNECTIONS -d${DURATION}s"

run_wrk() {  # name url duration-seconds -> prints Requests/sec
  local name=$1 url=$2 secs=$3 out rate
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${secs}s" "$url" 2>&1) || {
    echo "http.sh: error: wrk failed against $name ($url):" >&2
    echo "$out" >&2
    exit 1
  }
  rate=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  [[ -n $rate ]] || { echo "http.sh: error: no Requests/sec in wrk output:" >&2; echo "$out" >&2; exit 1; }
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "http.sh: warning: $name: $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | paste -sd';')" >&2
  fi
  echo "$rate"
}


echo "http.sh: wrk $WRK_ARGS, $ROUNDS rounds, $THREADS MHD threads per server, hello on :$HELLO_PORT, loket on :$LOKET_PORT"
if ((WARMUP > 0)); then
  run_wrk hello "$HELLO_URL" "$WARMUP" >/dev/null
  run_wrk loket "$LOKET_URL" "$WARMUP" >/dev/null
fi

hello_rates=()
loket_rates=()
round_ratios=()
for ((r = 1; r <= ROUNDS; r++)); do
  # Alternate which target goes first so neither always gets the "fresher" slot.
  if ((r % 2)); then
    h=$(run_wrk hello "$HELLO_URL" "$DURATION"); l=$(run_wrk loket "$LOKET_URL" "$DURATION")
  else
    l=$(run_wrk loket "$LOKET_URL" "$DURATION"); h=$(run_wrk hello "$HELLO_URL" "$DURATION")
  fi
  hello_rates+=("$h")
  loket_rates+=("$l")
  round_ratios+=("$(awk -v a="$l" -v b="$h" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')")
  printf '  round %d/%d: hello %12s req/s   loket %12s req/s\n' "$r" "$ROUNDS" "$h" "$l"
done

# memory after the runs: each server's own (anonymous) memory and its peak resident set
read -r hello_anon _ hello_hwm < <(proc_mem "$hello_pid")
read -r loket_anon loket_file loket_hwm < <(proc_mem "$loket_pid")
mem_ratio=$(awk -v a="$loket_anon" -v b="$hello_anon" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')

hello_med=$(median "${hello_rates[@]}")
loket_med=$(median "${loket_rates[@]}")
ratio=$(awk -v a="$loket_med" -v b="$hello_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
verdict=$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r + 0 >= t + 0 ? "met" : "NOT met") }')

echo
printf '%-36s %16s\n' "target" "req/s (median)"
printf '%-36s %16s\n' "hello-world libmicrohttpd  GET /" "$hello_med"
printf '%-36s %16s\n' "loket  GET /healthz" "$loket_med"
echo
round_med=$(median "${round_ratios[@]}")
echo "ratio loket/baseline: $ratio (target >= $TARGET_RATIO: $verdict)"
echo "per-round ratios: ${round_ratios[*]} (median $round_med; each round runs both targets back to back)"
echo "memory after the runs (MiB): hello anonymous $hello_anon, peak resident $hello_hwm;" \
     "loket anonymous $loket_anon, file-mapped $loket_file, peak resident $loket_hwm; anonymous loket/hello $mem_ratio (no target)"

# --- docs ------------------------------------------------------------------------------
if ((write_docs)); then
  section_file="$TMP/section.md"
  {
    echo "$SECTION"
    echo
    echo "Measured by \`bench/http.sh --write-docs\`."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(uname -m), $(nproc) CPUs (nproc)"
    echo "- Load: \`wrk $WRK_ARGS\`, $ROUNDS alternating rounds per target, median Requests/sec;" \
         "both servers on 127.0.0.1 with an MHD thread pool of $THREADS threads each"
    echo
    echo "| Target | Requests/sec (median) |"
    echo "|---|---:|"
    echo "| hello-world libmicrohttpd \`GET /\` (\`bench/hello.c\`) | $hello_med |"
    echo "| Loket \`GET /healthz\` | $loket_med |"
    echo
    echo "Ratio loket/baseline: **$ratio** (target: ≥ $TARGET_RATIO — $verdict)."
    echo "Per-round ratios: ${round_ratios[*]} (median $round_med). The machine is shared:"
    echo "a round's two runs see nearly the same load, so the per-round ratio is the steadier figure."
    echo
    echo "Memory after the runs (\`/proc/PID/status\`, MiB; no target): hello-world anonymous $hello_anon, peak"
    echo "resident $hello_hwm; Loket anonymous $loket_anon (its heap, stacks and caches), file-mapped $loket_file"
    echo "(its database and binary, shared with the page cache), peak resident $loket_hwm. Anonymous memory"
    echo "Loket / baseline: **$mem_ratio**."
  } >"$section_file"
  docs_replace_section "$DOCS" "$SECTION" "$section_file" "$TMP"
  echo "http.sh: wrote section to $DOCS"
fi

exit 0
