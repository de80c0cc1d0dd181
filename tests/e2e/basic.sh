#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two spokes register (CHAP and PAP), resolve each other, ping each other
# and the LAN host through the gateway; the gateway's counters match.
E2E_PREFIX=eb$$
E2E_PREFIX=${E2E_PREFIX:0:4}
. "$(dirname "$0")/lib.sh"

e2e_start 10 11
out=$(client "$P" 10 -u alice -p alice-password-1 --once --resolve 10.1.0.1 2>&1)
check "CHAP spoke registers once (--once)" grep -q "registered: role spoke" <<<"$out"
check "the gateway resolves to itself" grep -q "resolve: 10.1.0.1: node 10.1.0.1 at 203.0.113.1:18001, hub" <<<"$out"
check "--once logged out: nothing left registered" \
	test "$(tel_num /vam/domains 'r["/vam/domains"]["domains"]["7"]["online"]')" = 0

client "$P" 10 -u alice -p alice-password-1 >"$WORK/c10.log" 2>&1 &
client "$P" 11 -u bob -p bob-password-2 >"$WORK/c11.log" 2>&1 &
check "spoke 10 (CHAP) online" wait_for "$WORK/c10.log" "-> ONLINE" 20
check "spoke 11 (PAP) online" wait_for "$WORK/c11.log" "-> ONLINE" 20
out=$(ip netns exec "$P-c10" "$VAM_BUILD/app/vam-client/vam-client" -s 203.0.113.1 -d 7 \
	--psk vamgw-demo-pre-shared-key -a 10.1.0.20 -u alice -p alice-password-1 --once \
	--resolve 10.1.0.11 --resolve 172.16.9.9 --resolve 8.8.8.8 2>&1)
check "spokes resolve each other" grep -q "resolve: 10.1.0.11: node 10.1.0.11 at 203.0.113.11" <<<"$out"
check "a LAN address resolves to the gateway" grep -q "resolve: 172.16.9.9: node 10.1.0.1" <<<"$out"
check "an unknown address is NOT_FOUND" grep -q "resolve: 8.8.8.8: NOT_FOUND" <<<"$out"

before=$(tel_num /vam/workers 'sum(w["data_rx"] for w in r["/vam/workers"].values())')
check "spoke 10 pings spoke 11 (10 of 10)" \
	ip netns exec "$P-c10" ping -c 10 -i 0.05 -W 1 -q 10.1.0.11
check "spoke 10 pings the gateway's tunnel address" \
	ip netns exec "$P-c10" ping -c 3 -i 0.05 -W 1 -q 10.1.0.1
ip netns exec "$P-c11" ping -c 1 -W 1 -q 172.16.5.5 >/dev/null 2>&1	# ARP on the LAN first
check "spoke 11 pings the LAN host (5 of 5)" \
	ip netns exec "$P-c11" ping -c 5 -i 0.05 -W 1 -q 172.16.5.5
after=$(tel_num /vam/workers 'sum(w["data_rx"] for w in r["/vam/workers"].values())')
# 10 + 10 replies spoke-spoke, 3 pings, 5 LAN pings (+1 ARP probe ping): >= 28 DATA opened
check "the gateway opened the DATA that was sent ($((after - before)) >= 28)" \
	test $((after - before)) -ge 28
check "the gateway's counters: LAN packets out = LAN pings answered" \
	test "$(tel_num /vam/workers 'sum(w["to_lan"] for w in r["/vam/workers"].values())')" -ge 5
check "no integrity or replay drops" \
	test "$(tel_num /vam/workers 'sum(w["drop_integrity"] + w["drop_replay"] for w in r["/vam/workers"].values())')" = 0
e2e_end
