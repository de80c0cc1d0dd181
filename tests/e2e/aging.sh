#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A client that stops without logging out is aged out; a client that
# restarts replaces its old registration.
E2E_PREFIX=ea$$
E2E_PREFIX=${E2E_PREFIX:0:4}
export VAM_KEEPALIVE=1 VAM_RETRIES=1
. "$(dirname "$0")/lib.sh"

# Kill every process of the client's namespace at once: no logout.
crash() {
	ip netns pids "$P-c10" | xargs -r kill -9
	sleep 0.2
	ip netns exec "$P-c10" ip link del vam0 2>/dev/null
}

online() {
	tel_num /vam/domains 'r["/vam/domains"]["domains"]["7"]["online"]'
}

e2e_start 10
client "$P" 10 -u alice -p alice-password-1 >"$WORK/c1.log" 2>&1 &
check "the client comes online" wait_for "$WORK/c1.log" "-> ONLINE" 20
check "the gateway sees it online" test "$(online)" = 1
crash
sleep 3	# interval 1 s x (retries 1 + 1)
check "aged out after interval x (retries + 1)" test "$(online)" = 0
check "the gateway logged why" grep -q "offline: no keepalive" "$WORK/vamgw.log"

client "$P" 10 -u alice -p alice-password-1 >"$WORK/c2.log" 2>&1 &
check "the client comes online again" wait_for "$WORK/c2.log" "-> ONLINE" 20
crash	# and restarts at once, from a new port
client "$P" 10 -u alice -p alice-password-1 >"$WORK/c3.log" 2>&1 &
check "the restarted client comes online" wait_for "$WORK/c3.log" "-> ONLINE" 20
check "its old registration was replaced" grep -q ": replaced" "$WORK/vamgw.log"
check "one registration remains" test "$(online)" = 1
e2e_end
