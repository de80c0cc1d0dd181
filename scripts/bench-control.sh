#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Registrations per second that one control lcore sustains, beside the
# X25519 rate of this machine (openssl speed), in one run:
#   1. openssl speed ecdhx25519: the key agreement's own limit (each
#      registration costs the server two X25519 operations);
#   2. bench_ctl: the real VAM server driven in-process by N clients, no
#      authentication and CHAP with local users; only the server's own time
#      is counted;
#   3. vam-loadgen against vamgw over a veth pair: the whole system,
#      clients included, sharing this machine's cores.
# Usage: scripts/bench-control.sh [N]   (default 20000 clients)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
N=${1:-20000}
B=${VAM_BUILD:-$PWD/build}
P=bc$$
P=${P:0:4}
WORK=$(mktemp -d)
# shellcheck source=scripts/lib/netns.sh
. scripts/lib/netns.sh

cleanup() {
	[ -n "${GW:-}" ] && kill -INT "$GW" 2>/dev/null && sleep 1 && kill -9 "$GW" 2>/dev/null
	ip link del "$P-a" 2>/dev/null
	rm -rf "$WORK" "/var/run/dpdk/$P-gw" "/var/run/dpdk/$P-lg"
}
trap cleanup EXIT

scripts/install-deps.sh >/dev/null || exit 1
[ -f "$B/build.ninja" ] || meson setup "$B" >/dev/null || exit 1
ninja -C "$B" >/dev/null || exit 1

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
echo "== 1. openssl speed ecdhx25519 (one core)"
x=$(openssl speed -seconds 3 ecdhx25519 2>/dev/null | awk '/X25519/ {print $NF}')
echo "   X25519: ${x} ops/s -> at most $(python3 -c "print(int(float('$x') / 2))") registrations/s (2 per registration)"

echo "== 2. one control lcore, in process ($N clients)"
for auth in none chap; do
	"$B/tests/bench/bench_ctl" "$N" "$auth" 2>/dev/null | sed 's/^/   /'
done

echo "== 3. vam-loadgen -> vamgw over a veth pair ($N clients, CHAP, both programs on 2 cores)"
veth_pair "$P-a" "$P-b"
cat >"$WORK/gw.conf" <<CONF
[gateway]
address = 203.0.113.1
max_sessions = $((N * 4))
init_rate = 1000000
[domain bench]
id = 7
psk = bench-pre-shared-key
authentication = chap
private_address = 10.1.0.1
spokes = 10.64.0.0/10
max_clients = $((N * 4))
max_half_open = $((N * 2))
[user alice]
password = alice-password-1
CONF
"$B/app/vamgw/vamgw" -l 0-1 --no-huge -m 2048 --file-prefix "$P-gw" \
	--vdev "net_af_packet0,iface=$P-a,framecnt=4096" --log-level=lib.eal:error \
	--log-level=vamgw.ctl:warning -- -c "$WORK/gw.conf" --protected none \
	>"$WORK/gw.log" 2>&1 &
GW=$!
for _ in $(seq 100); do grep -q "vamgw: running" "$WORK/gw.log" && break; sleep 0.2; done
for rate in 5000 10000 20000; do
	"$B/app/vam-loadgen/vam-loadgen" -l 0 --no-huge -m 1024 --file-prefix "$P-lg" \
		--vdev "net_af_packet0,iface=$P-b,framecnt=4096" --log-level=lib.eal:error -- \
		-n "$N" -r "$rate" -s 203.0.113.1 -d 7 --psk bench-pre-shared-key -u alice \
		-p alice-password-1 --private 10.$((64 + rate / 5000)).0.1 --src 198.$((18 + rate / 10000)).0.1 \
		--duration 0 --timeout 60 >"$WORK/lg.log" 2>&1
	echo "   offered $rate/s: $(grep -E '^vam-loadgen:' "$WORK/lg.log" | sed 's/vam-loadgen: //'); $(grep -E '^registrations' "$WORK/lg.log"); $(grep -E '^handshake' "$WORK/lg.log" | sed 's/handshake latency (INIT_REQ to KEEPALIVE_ACK)/latency/')"
done
echo "   (the loadgen's clients do their own X25519 and share the gateway's cores: the"
echo "    in-process figure of step 2 is the control lcore's capacity)"
