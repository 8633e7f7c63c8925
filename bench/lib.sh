# What the benchmark scripts share. Sourced, not run.

# Put SECTION_FILE's text in DOCS in place of the section whose heading line is HEADING
# (up to the next "## " heading), or append it; TMPDIR holds the scratch copy.
docs_replace_section() {  # docs heading section_file tmpdir
  local docs=$1 heading=$2 file=$3 tmp=$4
  mkdir -p "$(dirname "$docs")"
  [[ -f $docs ]] || printf '# Benchmarks\n' >"$docs"
  awk -v heading="$heading" -v file="$file" '
    function emit(  line) { while ((getline line < file) > 0) print line; close(file) }
    $0 == heading { if (!done) { emit(); print ""; done = 1 }; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; emit() } }
  ' "$docs" >"$tmp/benchmarks.md"
  # drop a trailing blank line the replacement may leave at the end of the file
  sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$tmp/benchmarks.md" >"$docs"
}

die() { echo "${0##*/}: error: $*" >&2; exit 1; }

port_in_use() {  # port
  if ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then return 0; fi
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free TCP port on 127.0.0.1 (not the one given, if any).
pick_port() {  # [port to avoid]
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ $p == "${1:-}" ]] && continue
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}

show_logs() {  # files...
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    echo "--- last lines of $f:" >&2
    tail -n 20 "$f" >&2 || true
  done
}

now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; }

median() {  # values...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# SIGTERM a server, wait up to SECONDS for it, then SIGKILL.
stop_pid() {  # pid seconds
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
