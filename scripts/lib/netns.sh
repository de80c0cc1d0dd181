#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Network namespaces for the demo and the end-to-end tests, sourced by both.
#
#   clients (netns P-c10, P-c11, ...)      gateway (root netns)       LAN (netns P-lan)
#   203.0.113.N/24 --veth--+                                          172.16.5.5/16
#                           bridge P-br --veth-- P-out  [vamgw]  P-lan --veth-- lan host
#
# The gateway's ports are the root-namespace ends P-out and P-lan, driven
# by DPDK's net_af_packet; its addresses (203.0.113.1, 172.16.0.1) exist
# only inside vamgw. P is a short prefix (<= 4 characters) so that several
# runs never collide.

VAM_NS_CLIENTS=()

ns_up() {
	local p=$1
	shift
	ip link add "$p-br" type bridge
	ip link set "$p-br" up
	ip link add "$p-out" type veth peer name "$p-ob"
	ip link set "$p-ob" master "$p-br"
	ip link set "$p-ob" up
	ip link set "$p-out" up
	for n in "$@"; do
		ns_client "$p" "$n"
	done
	ip netns add "$p-lan"
	ip link add "$p-lan" type veth peer name "$p-le"
	ip link set "$p-le" netns "$p-lan"
	ip link set "$p-lan" up
	ip netns exec "$p-lan" ip addr add 172.16.5.5/16 dev "$p-le"
	ip netns exec "$p-lan" ip link set "$p-le" up
	ip netns exec "$p-lan" ip link set lo up
	ip netns exec "$p-lan" ip route add 10.1.0.0/24 via 172.16.0.1
	# No IPv6 chatter on the gateway's ports: it would only be counted as dropped.
	for i in "$p-out" "$p-lan"; do
		sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1" || true
	done
}

# A client namespace P-cN with 203.0.113.N on the outside bridge.
ns_client() {
	local p=$1 n=$2
	ip netns add "$p-c$n"
	ip link add "$p-c${n}b" type veth peer name "$p-c${n}e"
	ip link set "$p-c${n}b" master "$p-br"
	ip link set "$p-c${n}b" up
	ip link set "$p-c${n}e" netns "$p-c$n"
	ip netns exec "$p-c$n" ip addr add "203.0.113.$n/24" dev "$p-c${n}e"
	ip netns exec "$p-c$n" ip link set "$p-c${n}e" up
	ip netns exec "$p-c$n" ip link set lo up
	VAM_NS_CLIENTS+=("$p-c$n")
}

# Remove everything with prefix P (idempotent; safe after a partial ns_up).
ns_down() {
	local p=$1 ns
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$p-" || true); do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
		ip netns del "$ns" 2>/dev/null || true
	done
	for l in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 |
		grep "^$p-" || true); do
		ip link del "$l" 2>/dev/null || true
	done
}

# A veth pair A <-> B, both up in the root namespace, IPv6 off (no chatter).
veth_pair() {
	local a=$1 b=$2 i
	ip link add "$a" type veth peer name "$b" || return 1
	for i in "$a" "$b"; do
		ip link set "$i" up
		sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1" || true
	done
}

# Wait until FILE contains PATTERN, for at most SECONDS; 0 if found.
wait_for() {
	local file=$1 pattern=$2 secs=$3 i
	for ((i = 0; i < secs * 10; i++)); do
		grep -q -- "$pattern" "$file" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# A gateway configuration for the topology (domain 7, LAN 172.16.0.0/16).
gw_conf() {
	cat <<CONF
[gateway]
address = 203.0.113.1
lan_routes = 172.16.0.0/16
lan_address = 172.16.0.1
max_sessions = 32768
half_open_timeout = ${VAM_HALF_OPEN:-20}

[domain corp]
id = 7
psk = vamgw-demo-pre-shared-key
authentication = chap
pap_addresses = 10.1.0.11/32
private_address = 10.1.0.1
spokes = 10.1.0.0/24
max_clients = 20000
keepalive = ${VAM_KEEPALIVE:-10}
retries = ${VAM_RETRIES:-3}

[user alice]
password = alice-password-1

[user bob]
password = bob-password-2
CONF
}

# Start vamgw on P-out / P-lan in the background; its log goes to LOG.
gw_start() {
	local p=$1 conf=$2 log=$3
	shift 3
	"$VAM_BUILD/app/vamgw/vamgw" -l 0-1 --no-huge -m 1024 --file-prefix "vamgw-$p" \
		--vdev "net_af_packet0,iface=$p-out" --vdev "net_af_packet1,iface=$p-lan" \
		--log-level=lib.eal:error -- -c "$conf" "$@" >"$log" 2>&1 &
	VAM_GW_PID=$!
	wait_for "$log" "vamgw: running" 20
}

gw_stop() {
	if [ -n "${VAM_GW_PID:-}" ] && kill -0 "$VAM_GW_PID" 2>/dev/null; then
		kill -TERM "$VAM_GW_PID"
		for _ in $(seq 50); do
			kill -0 "$VAM_GW_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$VAM_GW_PID" 2>/dev/null || true
		wait "$VAM_GW_PID" 2>/dev/null || true
	fi
	VAM_GW_PID=
}

# Run vam-client in client namespace P-cN with the demo domain's settings.
client() {
	local p=$1 n=$2
	shift 2
	ip netns exec "$p-c$n" "$VAM_BUILD/app/vam-client/vam-client" -s 203.0.113.1 -d 7 \
		--psk vamgw-demo-pre-shared-key -a "10.1.0.$n" -n "spoke-$n" --tun vam0 \
		--route 10.1.0.0/24 --route 172.16.0.0/16 "$@"
}
