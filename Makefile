# Thin wrapper over CMake. `make demo` and `make test` set everything up themselves.
BUILD ?= build
SAN_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)

.PHONY: deps build dist build-arm64 demo test test-release test-offline test-sanitize test-arm64 check-windows fuzz bench clean

# TEST_ARM64=ON adds the arm64 package's tests (label arm64, see test-arm64) to the release build's
# suite, and what they need to the dependencies: installed in the background while the native build
# compiles; the arm64 build test waits for it (tools/wait-cross-deps.sh), and ctest starts it first.
# On for `make test` and `make test-release` on x64 (about 510 CPU-seconds, 3 minutes on two cores;
# `make test TEST_ARM64=OFF` leaves them out); off for the other targets, so `make demo` installs no
# cross toolchain.
TEST_ARM64 ?= OFF
test test-release: TEST_ARM64 = $(if $(filter x86_64,$(shell uname -m)),ON,OFF)
deps:
	@sh tools/install-deps.sh
	@if [ "$(TEST_ARM64)" = ON ]; then sh tools/install-cross-deps.sh --background $(BUILD)/cross-deps.log; fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMIGLINT_TEST_ARM64=$(TEST_ARM64) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory

# The npm packages, into dist/: the miglint launcher and @miglint/<platform> for each of PLATFORMS,
# with a portable binary (see cmake/portable.cmake): this machine's from `make build` and, on x64,
# linux-arm64 cross-compiled (cmake/aarch64-linux-gnu.cmake) into $(BUILD)/arm64 after
# tools/install-cross-deps.sh. `make dist PLATFORMS=linux-x64` builds one. Publishing is `npm
# publish` of each tarball (.github/workflows/release.yml).
DIST ?= dist
VERSION = $(shell grep -m1 -o 'miglint VERSION [0-9.]*' CMakeLists.txt | cut -d' ' -f3)
DIST_PLATFORM = linux-$(subst x86_64,x64,$(subst aarch64,arm64,$(shell uname -m)))
PLATFORMS ?= $(DIST_PLATFORM) $(if $(filter linux-x64,$(DIST_PLATFORM)),linux-arm64)
ARM64_BUILD = $(BUILD)/arm64
SIMDJSON_LICENSE = $(firstword $(wildcard $(BUILD)/_deps/simdjson-*/LICENSE))
dist: $(addprefix dist-,$(PLATFORMS))
.PHONY: $(addprefix dist-,$(PLATFORMS))
dist-$(DIST_PLATFORM): build
	@rm -f $(DIST)/miglint-$(DIST_PLATFORM)-*.tgz
	@bash npm/pack.sh $(BUILD)/miglint $(DIST_PLATFORM) $(VERSION) $(DIST) $(SIMDJSON_LICENSE)
ifeq ($(DIST_PLATFORM),linux-x64)
dist-linux-arm64: build-arm64
	@rm -f $(DIST)/miglint-linux-arm64-*.tgz
	@bash npm/pack.sh $(ARM64_BUILD)/miglint linux-arm64 $(VERSION) $(DIST) \
	  $(firstword $(wildcard $(ARM64_BUILD)/_deps/simdjson-*/LICENSE))
build-arm64: deps
	@sh tools/install-cross-deps.sh
	@bash tests/tools/npm_arm64_build.sh $(CURDIR) $(ARM64_BUILD)
endif

# Shows miglint on a folder that reproduces a real incident (see fixtures/examples/incident).
demo: build
	@echo
	@echo "This folder reproduces a real incident: migrations 0000-0004 made by drizzle-kit, then a"
	@echo "hand-written 0005 with a hand-added journal entry and no snapshot (fixtures/examples/incident)."
	@echo
	@echo "$$ miglint fixtures/examples/incident/drizzle"
	@./$(BUILD)/miglint fixtures/examples/incident/drizzle; \
	  rc=$$?; echo; echo "(miglint exited with $$rc: 1 means it found errors, as it should here)"; [ $$rc -le 1 ]

test: test-release test-sanitize

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The linux-arm64 npm package alone: cross-compiled, packed, installed into a fresh Node project and
# run under qemu-user as the x64 one is (label arm64, tests/tools/npm_arm64_tests.cmake). `make test`
# runs them with everything else.
test-arm64: TEST_ARM64 = ON
test-arm64: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L arm64

# Every test but the database ones (label db): no PostgreSQL server is started.
test-offline: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L offline

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer, built with clang (so
# that the code keeps compiling beyond GCC) at -O1, and with libFuzzer's coverage, so that the same
# build runs each fuzz harness for a few seconds (tests fuzz_short_*, see fuzz/README.md). The npm
# tools the release run installed are reused, and the SARIF schema validators (a .NET program and
# ajv, whose verdict does not depend on how miglint was compiled) run in the release build only.
SAN_TEST_ENV = ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp MIGLINT_SKIP_SARIF_VALIDATION=1 \
  MIGLINT_TOOLS_DIR=$(CURDIR)/$(BUILD)/test-tools MIGLINT_HOOK_TOOLS_DIR=$(CURDIR)/$(BUILD)/test-tools-hooks \
  MIGLINT_LSP_TOOLS_DIR=$(CURDIR)/$(BUILD)/lsp-tools
# Tests whose time is the real external tools' (drizzle-kit push, drizzle's migrators on rows, the
# pre-commit framework, husky, VS Code's problem matcher) run in the release pass only: miglint's part
# in them is a check that other tests run under the sanitizers too.
# So do the tests of time and memory bounds on inputs of megabytes, which the sanitizers' own cost
# would only blur (their inputs' shapes are in the short fuzz runs and the other BadInput and Scaling
# tests), and the comparisons whose time is drizzle-kit's (`up`, `check`) on folders that other tests
# check under the sanitizers.
SAN_EXCLUDE = ^(HuskyLintStaged|PreCommitFramework|DbSafety|DbPushDrift|SchemaSqlitePush|SqliteRebuildRealMigrator|SqliteRebuildCloudflare|CorpusUp|AgainstDrizzleKitCheck)\.|^Lsp\.VsCodeProblemMatcher|^Scaling\.(LargeInsertStaysWithinMemory|ManyJournalEntriesStayWithinMemory|ManyJournalEntriesAreLinear|MinifiedJournalPositionsAreLinear|ManyBreakpointsAreLinear|OneLineOfBreakpoints|ManySuppressionsAreMatchedQuickly)$$|^BadInput\.FiftyMegabyteSnapshotIsCheckedQuickly$$
# Built with clang's libc++ rather than libstdc++ (cmake/libcxx.cmake: gtest, fmt and simdjson from
# source too), which keeps the code free of libstdc++-only usage: the release build covers GCC and
# libstdc++, this one clang and libc++. SAN_LIBCXX=OFF builds it with libstdc++.
SAN_LIBCXX ?= ON
# Line tables only (-g1): enough for the sanitizers' stack traces, and a tenth faster to build. The
# release run's test times, when there are some, let ctest start the longest tests first.
test-sanitize: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
	  -DMIGLINT_SANITIZE=ON -DMIGLINT_FUZZ=ON -DMIGLINT_LIBCXX=$(SAN_LIBCXX) >/dev/null
	@cmake --build $(SAN_BUILD) -j$(JOBS) -- --no-print-directory
	@costs=Testing/Temporary/CTestCostData.txt; if [ -f $(BUILD)/$$costs ] && [ ! -f $(SAN_BUILD)/$$costs ]; then \
	  mkdir -p $(SAN_BUILD)/Testing/Temporary && cp $(BUILD)/$$costs $(SAN_BUILD)/$$costs; fi
	@$(SAN_TEST_ENV) ctest --test-dir $(SAN_BUILD) --output-on-failure -j$(JOBS) -E '$(SAN_EXCLUDE)'

# Compiles every source for Windows with mingw-w64 (syntax and warnings; the libraries are not
# cross-built), so that no POSIX-only call lands without its Windows path. Not in `make test`.
check-windows: build
	@command -v x86_64-w64-mingw32-g++-posix >/dev/null || (apt-get install -y -q g++-mingw-w64-x86-64-posix >/dev/null)
	@sh tools/check-windows.sh $(BUILD)

# The libFuzzer harnesses of fuzz/ (clang, ASan + UBSan), each run FUZZ_SECONDS (default 60);
# FUZZ_HARNESSES="sql folder" runs only those. See fuzz/README.md.
fuzz:
	@sh tools/install-deps.sh
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMIGLINT_FUZZ=ON -DMIGLINT_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) -- --no-print-directory
	@bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

bench: build
	@bash bench/run.sh

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) $(DIST)
