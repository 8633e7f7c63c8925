#!/usr/bin/env bash
# `make test`: build, then run every suite — checkers, unit (cmocka), integration
# (the real binary over HTTP; again on PostgreSQL 15 as "integration-pg"), browser (playwright-core on Debian's chromium), and
# the unit and integration suites again under ASan + UBSan (clang). Ends with one
# line "N passed, N failed". Logs of each suite are in build/test-logs/.
set -u
cd "$(dirname "$0")/.."
LOGS=build/test-logs
rm -rf "$LOGS" build/sanitizer-logs
mkdir -p "$LOGS" build/sanitizer-logs
PASS=0
FAIL=0
FAILED_SUITES=""
JOBS=${JOBS:-2}

# Add the counts a suite reported; a suite that crashed without counts is one failure.
count() {  # name passed failed rc
  local name=$1 p=$2 f=$3 rc=$4
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  PASS=$((PASS + p)); FAIL=$((FAIL + f))
  if [ "$f" -ne 0 ]; then FAILED_SUITES="$FAILED_SUITES $name"; fi
  printf '  %-28s %4d passed, %d failed\n' "$name" "$p" "$f"
}

# A check that is one test: passes when the command exits 0.
check() {  # name command...
  local name=$1; shift
  if "$@" > "$LOGS/$name.log" 2>&1; then count "$name" 1 0 0; else count "$name" 0 1 1; tail -20 "$LOGS/$name.log"; fi
}

# cmocka binaries: sum "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)".
unit() {  # name dir
  local name=$1 dir=$2 p=0 f=0 rc=0 log="$LOGS/$1.log"
  : > "$log"
  for t in "$dir"/test_*; do
    [ -x "$t" ] || continue
    "$t" >> "$log" 2>&1 || rc=1
  done
  p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
  count "$name" "$p" "$f" "$rc"
  [ "$rc" -eq 0 ] || grep -E 'FAILED|ERROR|runtime error|Sanitizer' "$log" | head -20
}

# node's test runner with the TAP reporter: "# pass N" and "# fail N".
nodetest() {  # name files...
  local name=$1; shift
  local log="$LOGS/$name.log" rc=0
  node --test --test-reporter=tap "$@" > "$log" 2>&1 || rc=$?
  local p f
  p=$(grep -E '^# pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
  count "$name" "${p:-0}" "${f:-0}" "$rc"
  [ "$rc" -eq 0 ] || grep -E '^not ok|error:|Error:|expected|actual' "$log" | head -30
}

echo "== build"
if ! make -s -j"$JOBS" build/loket unit > "$LOGS/build.log" 2>&1; then
  cat "$LOGS/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi
# the sanitizer build is also the clang build: same -Wall -Wextra -Werror
if ! make -s -j"$JOBS" asan > "$LOGS/build-asan.log" 2>&1; then
  tail -40 "$LOGS/build-asan.log"
  count "sanitizer-build" 0 1 1
fi

echo "== checks"
check "check-escape-selftest" node scripts/check-escape.mjs --self-test
check "check-escape" node scripts/check-escape.mjs
check "check-i18n" node scripts/check-i18n.mjs

echo "== unit"
unit "unit" build/test

echo "== integration"
nodetest "integration" test/int/*.test.mjs

echo "== integration on PostgreSQL 15 (a throwaway cluster on loopback: scripts/pg.sh)"
PGDIR=$(mktemp -d /tmp/loket-pg.XXXXXX)
if PGURL=$(scripts/pg.sh start "$PGDIR" 2> "$LOGS/pg-start.log"); then
  LOKET_TEST_DB="$PGURL" nodetest "integration-pg" test/int/*.test.mjs
  scripts/pg.sh stop "$PGDIR"
else
  cat "$LOGS/pg-start.log"
  count "integration-pg" 0 1 1
  rm -rf "$PGDIR"
fi

echo "== browser"
nodetest "browser" test/browser/*.test.mjs

echo "== sanitizers (ASan + UBSan)"
export ASAN_OPTIONS="detect_leaks=1:log_path=$PWD/build/sanitizer-logs/asan:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$PWD/build/sanitizer-logs/ubsan"
export LSAN_OPTIONS="suppressions=$PWD/test/lsan.supp:print_suppressions=0"
unit "unit-sanitized" build/asan/test
LOKET_BIN=build/asan/loket nodetest "integration-sanitized" test/int/*.test.mjs
if ls build/sanitizer-logs/* >/dev/null 2>&1; then
  echo "  sanitizer reports:"; head -40 build/sanitizer-logs/*
  count "sanitizer-reports" 0 1 1
else
  count "sanitizer-reports" 1 0 0
fi
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

echo
[ -z "$FAILED_SUITES" ] || echo "failed suites:$FAILED_SUITES (logs in $LOGS/)"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
