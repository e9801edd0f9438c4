# attune: the two commands of the README, and the steps they are made of.
#   make run   installs what is missing, builds, creates the demo school if
#              var/attune.db does not exist, and serves http://127.0.0.1:8080
#   make test  installs what is missing, builds, and runs every suite
.PHONY: run test deps build unit-test http-test browser-test pg-test bench format clean

BUILD_DIR ?= build
JOBS ?= 2
DB ?= var/attune.db

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The server alone: `make run` does not wait for the tests and benchmarks to build.
run: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target attune
	@mkdir -p var
	$(BUILD_DIR)/attune serve --demo --db $(DB)

unit-test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

http-test: build
	ATTUNE_BIN=$(abspath $(BUILD_DIR))/attune node --test --test-concurrency=1 tests/http/

browser-test: build
	ATTUNE_BIN=$(abspath $(BUILD_DIR))/attune node --test --test-concurrency=1 tests/browser/

# The HTTP suite against PostgreSQL too: a throw-away cluster on a Unix socket,
# started and stopped by scripts/run-suites.sh.
pg-test: build
	scripts/run-suites.sh $(BUILD_DIR) --postgresql-only

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)
	scripts/run-suites.sh $(BUILD_DIR)

bench: build
	bench/run.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR)
