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
