#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: install what is missing, build, and run vamgw for real on
# this machine, with no hugepages and no NIC. Network namespaces stand in
# for the hosts: the gateway on two net_af_packet ports, two vam-client
# spokes (one authenticated with CHAP, one with PAP) on the outside, and a
# LAN host behind the gateway. It shows registration, pings through the
# gateway, the operator view from telemetry, then tears everything down.
# Needs root (namespaces, TUN).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export VAM_BUILD=${VAM_BUILD:-$PWD/build}
P=vd$$
P=${P:0:4}
WORK=$(mktemp -d /tmp/vamgw-demo.XXXXXX)
# shellcheck source=scripts/lib/netns.sh
. scripts/lib/netns.sh

die() {
	echo "demo: FAILED: $*" >&2
	for f in "$WORK"/*.log; do
		[ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
	done
	exit 1
}

cleanup() {
	for ns in "${VAM_NS_CLIENTS[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -INT 2>/dev/null || true
	done
	sleep 0.5
	gw_stop
	ns_down "$P"
	rm -rf "$WORK" "/var/run/dpdk/vamgw-$P"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || die "run as root (network namespaces and TUN devices)"
scripts/install-deps.sh || die "could not install the dependencies"
[ -f "$VAM_BUILD/build.ninja" ] || meson setup "$VAM_BUILD" >/dev/null || die "meson setup"
ninja -C "$VAM_BUILD" >/dev/null || die "build"

step() { printf '\n== %s\n' "$*"; }

step "network namespaces: two spokes on 203.0.113.0/24, a LAN host 172.16.5.5"
ns_up "$P" 10 11 || die "namespaces"
gw_conf >"$WORK/vamgw.conf"

step "vamgw: control lcore + 1 worker on net_af_packet, no hugepages"
gw_start "$P" "$WORK/vamgw.conf" "$WORK/vamgw.log" || die "the gateway did not start"
grep -E "running|suites supported" "$WORK/vamgw.log" | sed 's/^/   /' | cut -c1-110

step "spoke 10.1.0.10 (CHAP, alice) and spoke 10.1.0.11 (PAP, bob) register"
client "$P" 10 -u alice -p alice-password-1 >"$WORK/spoke10.log" 2>&1 &
client "$P" 11 -u bob -p bob-password-2 >"$WORK/spoke11.log" 2>&1 &
wait_for "$WORK/spoke10.log" "-> ONLINE" 20 || die "spoke 10.1.0.10 did not come online"
wait_for "$WORK/spoke11.log" "-> ONLINE" 20 || die "spoke 10.1.0.11 did not come online"
sed 's/^/   10.1.0.10: /' "$WORK/spoke10.log"
sed 's/^/   10.1.0.11: /' "$WORK/spoke11.log"

step "ping through the gateway"
ip netns exec "$P-c10" ping -c 3 -i 0.2 -W 1 10.1.0.11 | grep -E "bytes from|transmitted" |
	sed 's/^/   spoke -> spoke: /' || true
ip netns exec "$P-c10" ping -c 3 -i 0.2 -W 1 10.1.0.11 >/dev/null || die "spoke to spoke ping"
ip netns exec "$P-c10" ping -c 2 -i 0.2 -W 1 10.1.0.1 >/dev/null || die "ping of the gateway"
echo "   spoke -> gateway 10.1.0.1: ok"
# The first packet to the LAN waits for ARP; then every echo must come back.
ip netns exec "$P-c10" ping -c 1 -W 1 172.16.5.5 >/dev/null 2>&1 || true
ip netns exec "$P-c10" ping -c 3 -i 0.2 -W 1 172.16.5.5 | grep -E "bytes from|transmitted" |
	sed 's/^/   spoke -> LAN host: /' || true
ip netns exec "$P-c10" ping -c 3 -i 0.2 -W 1 172.16.5.5 >/dev/null || die "ping of the LAN host"
ip netns exec "$P-lan" ping -c 2 -i 0.2 -W 1 10.1.0.11 >/dev/null || die "LAN host to spoke ping"
echo "   LAN host -> spoke 10.1.0.11: ok"

step "operator view: telemetry /vam/clients,7 (dpdk-telemetry.py works too)"
scripts/vam-telemetry.py "vamgw-$P" /vam/clients,7 --clients | sed 's/^/   /' ||
	die "telemetry"

step "stop: the spokes log out, the gateway stops"
cleanup
trap - EXIT
echo
echo "demo: OK: two spokes registered (CHAP, PAP), pinged each other, the gateway and the LAN host through vamgw"
