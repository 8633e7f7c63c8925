# Loket — plain GNU Makefile with pkg-config.
#   make run    install what is needed, build, init var/data, serve
#   make test   install, build, run every suite (unit, integration, browser, sanitizers)
CC      ?= cc
PKGS    := libmicrohttpd jansson libsodium libcurl libmagic libpq cairo pangocairo libqrencode xlsxwriter
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALLCFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iextsrc $(shell pkg-config --cflags $(PKGS))
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

SRC     := $(wildcard src/core/*.c src/db/*.c src/desk/*.c src/sop/*.c src/http/*.c src/web/*.c src/api/*.c src/report/*.c src/mail/*.c src/cli_*.c)
EMBED   := po/id.po po/en.po $(sort $(wildcard data/*.txt data/*.csv)) $(sort $(wildcard static/*)) $(sort $(wildcard sop/*.sop))
HDRS    := $(wildcard src/*.h src/*/*.h) extsrc/sqlite3.h
OBJ     := $(SRC:src/%.c=build/obj/%.o) build/obj/embedded.o build/obj/sqlite3.o
UNIT    := $(patsubst test/unit/%.c,build/test/%,$(wildcard test/unit/test_*.c))

# The sanitizer build: clang, ASan + UBSan, its own objects.
ASAN_CC     ?= clang
ASAN_FLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_OBJ    := $(SRC:src/%.c=build/asan/obj/%.o) build/asan/obj/embedded.o build/obj/sqlite3.o
ASAN_UNIT   := $(patsubst test/unit/%.c,build/asan/test/%,$(wildcard test/unit/test_*.c))

# Fuzzing (fuzz/, docs/fuzzing.md): each fuzz/fuzz_NAME.c is a libFuzzer harness of one parser.
# `make fuzz` builds them with clang (coverage, ASan, UBSan: objects of their own) and runs each
# for FUZZ_SECONDS (FUZZ=NAME: that one only); the unit suite runs the same sources built with
# $(CC) as build/test/test_fuzz_NAME, which replay every file of fuzz/corpus/NAME/.
FUZZ_NAMES  := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ        ?= $(FUZZ_NAMES)
FUZZ_SECONDS ?= 60
FUZZ_CC     ?= clang
FUZZ_FLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ    := $(filter-out build/fuzz/obj/cli_%,$(SRC:src/%.c=build/fuzz/obj/%.o)) build/fuzz/obj/embedded.o build/obj/sqlite3.o
UNIT        += $(FUZZ_NAMES:%=build/test/test_fuzz_%)
ASAN_UNIT   += $(FUZZ_NAMES:%=build/asan/test/test_fuzz_%)

.PHONY: all run test deps unit asan clean check-escape check-i18n bench fuzz
all: build/loket

deps:
	@scripts/deps

build/embedded.c: scripts/embed.sh $(EMBED)
	@mkdir -p build
	scripts/embed.sh $@ $(EMBED)

# SQLite is built into the binary from its amalgamation (extsrc/, see extsrc/README.md), with
# the options SQLite recommends for an application that uses none of what they leave out, and
# the HAVE_* that SQLite's configure script finds on glibc (without HAVE_FDATASYNC every commit
# is an fsync, which writes the file's inode too). LIKE tells capitals apart, as PostgreSQL's
# does (a list's search lowers both sides itself: the same rows on both). The sanitizer build
# links this same object: SQLite is not what it checks.
SQLITE_OPT := -DSQLITE_CASE_SENSITIVE_LIKE -DSQLITE_THREADSAFE=1 -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_OMIT_SHARED_CACHE \
              -DSQLITE_OMIT_DEPRECATED -DSQLITE_OMIT_PROGRESS_CALLBACK -DSQLITE_OMIT_LOAD_EXTENSION \
              -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_USE_ALLOCA -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_FTS5 \
              -DHAVE_FDATASYNC=1 -DHAVE_GMTIME_R=1 -DHAVE_LOCALTIME_R=1 -DHAVE_MALLOC_H=1 \
              -DHAVE_MALLOC_USABLE_SIZE=1 -DHAVE_STRCHRNUL=1 -DHAVE_USLEEP=1 -DHAVE_POSIX_FALLOCATE=1 -DHAVE_ISNAN=1
build/obj/sqlite3.o: extsrc/sqlite3.c extsrc/sqlite3.h Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SQLITE_OPT) -c -o $@ extsrc/sqlite3.c

build/obj/embedded.o: build/embedded.c src/core/core.h
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

build/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

# A binary whose procedure files do not pass `loket sop check` is not made: their errors as FILE:LINE.
build/loket: $(OBJ) build/obj/main.o
	$(CC) $(ALLCFLAGS) -o $@.tmp $^ $(LIBS)
	@./$@.tmp sop check $(sort $(wildcard sop/*.sop)) >/dev/null || { rm -f $@.tmp; echo "make: the procedure files above are not valid (docs/sop-format.md); build/loket not made" >&2; exit 1; }
	@mv $@.tmp $@

build/test/%: test/unit/%.c $(OBJ) test/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(filter-out build/obj/cli_%,$(OBJ)) $(LIBS) $(shell pkg-config --libs cmocka)

unit: $(UNIT)

# sanitizer build
build/asan/obj/embedded.o: build/embedded.c src/core/core.h
	@mkdir -p $(dir $@)
	$(ASAN_CC) $(ALLCFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(ASAN_CC) $(ALLCFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/loket: $(ASAN_OBJ) build/asan/obj/main.o
	$(ASAN_CC) $(ALLCFLAGS) $(ASAN_FLAGS) -o $@ $^ $(LIBS)

build/asan/test/%: test/unit/%.c $(ASAN_OBJ) test/unit/unit.h
	@mkdir -p $(dir $@)
	$(ASAN_CC) $(ALLCFLAGS) $(ASAN_FLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(filter-out build/asan/obj/cli_%,$(ASAN_OBJ)) $(LIBS) $(shell pkg-config --libs cmocka)

asan: build/asan/loket $(ASAN_UNIT)

# the harnesses as replay programs (no clang needed): the unit suite's, plain and sanitized
build/test/test_fuzz_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -DFUZZ_CORPUS='"$(CURDIR)/fuzz/corpus/$*"' -o $@ fuzz/fuzz_$*.c fuzz/replay.c $(filter-out build/obj/cli_%,$(OBJ)) $(LIBS)

build/asan/test/test_fuzz_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	$(ASAN_CC) $(ALLCFLAGS) $(ASAN_FLAGS) -DFUZZ_CORPUS='"$(CURDIR)/fuzz/corpus/$*"' -o $@ fuzz/fuzz_$*.c fuzz/replay.c $(filter-out build/asan/obj/cli_%,$(ASAN_OBJ)) $(LIBS)

# the harnesses under libFuzzer
build/fuzz/obj/embedded.o: build/embedded.c src/core/core.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

build/fuzz/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

# each harness for FUZZ_SECONDS from its corpus (new inputs kept in build/fuzz/work/NAME, what
# fails in build/fuzz/crashes/: minimise it and add it to fuzz/corpus/NAME once fixed)
fuzz: $(FUZZ:%=build/fuzz/%)
	@mkdir -p build/fuzz/crashes
	@for n in $(FUZZ); do \
	  mkdir -p build/fuzz/work/$$n; \
	  printf '== fuzz %-12s %ss: ' $$n $(FUZZ_SECONDS); \
	  if build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	       -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$$n- build/fuzz/work/$$n fuzz/corpus/$$n \
	       > build/fuzz/$$n.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units' build/fuzz/$$n.log | awk '{print $$2 " executions, no failure"}'; \
	  else echo "FAILED (build/fuzz/$$n.log)"; grep -E 'ERROR|SUMMARY|invariant' build/fuzz/$$n.log | head -5; exit 1; fi; \
	done

check-escape:
	@node scripts/check-escape.mjs --self-test
	@node scripts/check-escape.mjs

check-i18n:
	@node scripts/check-i18n.mjs

run: deps
	@$(MAKE) --no-print-directory build/loket
	@scripts/run.sh

test: deps
	@scripts/test.sh

bench: build/loket
	bench/http.sh

clean:
	rm -rf build
