#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what is missing, build, and run every test:
#   1. the normal build's tests;
#   2. the same tests built with AddressSanitizer and UBSan;
#   3. the libFuzzer harnesses for a bounded time (FUZZ_SECONDS each, default 30).
# Ends with one line 'N passed, N failed' over all test cases; exits
# non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-30}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

scripts/install-deps.sh || exit 1

status=0
logs=()
extra=()

# configure BUILD_DIR [meson options...]: set up once, reconfigure never.
configure() {
	local dir=$1
	shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null || return 1
}

run_suite() {
	local dir=$1
	shift
	echo "== $dir: build"
	if ! configure "$dir" "$@" || ! ninja -C "$dir" >/dev/null; then
		ninja -C "$dir" 2>&1 | tail -40
		extra+=("build-$dir:fail")
		status=1
		return
	fi
	echo "== $dir: test"
	meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
	logs+=("$dir/meson-logs/testlog.json")
	# meson hides test output; the vector count is worth seeing.
	grep -o 'vectors checked: [0-9]*' "$dir/meson-logs/testlog.json" | head -1
}

run_fuzzer() {
	local name=$1 corpus=$2
	echo "== fuzz: $name for ${FUZZ_SECONDS}s"
	if build-fuzz/tests/fuzz/"$name" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
		-print_final_stats=1 "$corpus" >"build-fuzz/$name.log" 2>&1; then
		grep -E '^stat::number_of_executed_units' "build-fuzz/$name.log" || true
		extra+=("fuzz-$name:ok")
	else
		tail -60 "build-fuzz/$name.log"
		extra+=("fuzz-$name:fail")
		status=1
	fi
}

run_suite build
run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug -Db_lto=false

echo "== build-fuzz: build"
if CC=clang configure build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
	-Db_lto=false &&
	ninja -C build-fuzz >/dev/null && python3 scripts/fuzz-corpus.py tests/vectors build-fuzz/corpus; then
	run_fuzzer fuzz_tlv build-fuzz/corpus/tlv
	run_fuzzer fuzz_record build-fuzz/corpus/record
else
	extra+=("build-fuzz:fail")
	status=1
fi

# EAL runtime directories the in-process tests leave behind (one per run, by pid).
rm -rf /var/run/dpdk/vamcry[0-9]* /var/run/dpdk/vamses[0-9]* /var/run/dpdk/vamgwt[0-9]* \
	/var/run/dpdk/vamtel[0-9]* 2>/dev/null

python3 scripts/test-summary.py "${logs[@]}" --extra "${extra[@]}" || status=1
exit $status
