#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# vam-loadgen registers 10,000 emulated clients against the gateway, over a
# veth pair (both programs on net_af_packet), and all of them reach ONLINE.
E2E_PREFIX=el$$
E2E_PREFIX=${E2E_PREFIX:0:4}
. "$(dirname "$0")/lib.sh"
N=${VAM_LOADGEN_CLIENTS:-10000}

veth_pair "$P-out" "$P-lg"
cat >"$WORK/vamgw.conf" <<CONF
[gateway]
address = 203.0.113.1
max_sessions = 32768
init_rate = 100000
[domain corp]
id = 7
psk = loadgen-pre-shared-key
authentication = chap
private_address = 10.1.0.1
spokes = 10.64.0.0/10
max_clients = 20000
max_half_open = 20000
[user alice]
password = alice-password-1
CONF
"$VAM_BUILD/app/vamgw/vamgw" -l 0-1 --no-huge -m 1024 --file-prefix "vamgw-$P" \
	--vdev "net_af_packet0,iface=$P-out" --log-level=lib.eal:error \
	--log-level=vamgw.ctl:warning -- -c "$WORK/vamgw.conf" --protected none \
	>"$WORK/vamgw.log" 2>&1 &
VAM_GW_PID=$!
check "the gateway starts" wait_for "$WORK/vamgw.log" "vamgw: running" 20
"$VAM_BUILD/app/vam-loadgen/vam-loadgen" -l 0 --no-huge -m 512 --file-prefix "vamlg-$P" \
	--vdev "net_af_packet0,iface=$P-lg" --log-level=lib.eal:error -- -n "$N" -r 3000 \
	-s 203.0.113.1 -d 7 --psk loadgen-pre-shared-key -u alice -p alice-password-1 \
	--duration 1 --timeout 90 >"$WORK/loadgen.log" 2>&1
rc=$?
rm -rf "/var/run/dpdk/vamlg-$P"
tail -6 "$WORK/loadgen.log"
check "vam-loadgen: every client online (exit $rc)" test "$rc" = 0
check "the report says $N of $N" grep -q "$N of $N clients online, 0 failed" "$WORK/loadgen.log"
online=$(tel_num /vam/domains 'r["/vam/domains"]["domains"]["7"]["online"]')
check "the gateway has $N clients online ($online)" test "$online" = "$N"
e2e_end
