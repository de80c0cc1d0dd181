#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Shared by the end-to-end tests: topology (scripts/lib/netns.sh), a
# gateway, checks, and cleanup on every exit path.
set -uo pipefail
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export VAM_BUILD=${VAM_BUILD:?VAM_BUILD must name the build directory}
# shellcheck source=scripts/lib/netns.sh
. "$E2E_ROOT/scripts/lib/netns.sh"
P=${E2E_PREFIX:?}
WORK=$(mktemp -d "/tmp/vamgw-$P.XXXXXX")
E2E_FAILS=0
E2E_CHECKS=0

e2e_cleanup() {
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$P-c" || true); do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
	done
	gw_stop
	ns_down "$P"
	rm -rf "$WORK" "/var/run/dpdk/vamgw-$P"
}
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM

# check "what" CONDITION...: count, print, and remember failures.
check() {
	local what=$1
	shift
	E2E_CHECKS=$((E2E_CHECKS + 1))
	if "$@"; then
		echo "ok: $what"
	else
		echo "FAIL: $what"
		E2E_FAILS=$((E2E_FAILS + 1))
	fi
}

# The telemetry reply of COMMAND as JSON on stdout.
tel() {
	"$E2E_ROOT/scripts/vam-telemetry.py" "vamgw-$P" "$1"
}

# A number from the gateway's telemetry: tel_num COMMAND PYTHON-EXPRESSION-ON-r
tel_num() {
	tel "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"
}

e2e_start() {
	ns_up "$P" "$@" || { echo "FAIL: namespaces"; exit 1; }
	gw_conf >"$WORK/vamgw.conf"
	gw_start "$P" "$WORK/vamgw.conf" "$WORK/vamgw.log" ||
		{ echo "FAIL: gateway start"; tail -20 "$WORK/vamgw.log"; exit 1; }
}

e2e_end() {
	if [ "$E2E_FAILS" -ne 0 ]; then
		echo "--- gateway log"
		tail -30 "$WORK/vamgw.log"
	fi
	echo "$((E2E_CHECKS - E2E_FAILS)) passed, $E2E_FAILS failed"
	[ "$E2E_FAILS" -eq 0 ]
}
