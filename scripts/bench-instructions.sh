#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Instructions per packet on vamgw's data path, counted by valgrind's
# callgrind: a figure that does not move from run to run, where this
# machine's cycle figures move by 5-30 % (scripts/bench-dataplane.sh).
# Use it to tell whether a change to the per-packet code made the worker
# do less; use bench-dataplane.sh for what that is worth in time.
#
# For each suite, size and path (spoke-lan, lan-spoke, spoke-spoke, as in
# bench-dataplane.sh: static sessions, net_pcap infinite_rx in, tx-drop
# ports out) vamgw runs under callgrind for SECONDS, collecting only inside
# the worker's poll function (--toggle-collect), so the control lcore and
# start-up are not counted. Packets = what the worker received (vamgw's
# exit line). The count is split into vamgw's own code, crypto (intel-
# ipsec-mb, the cryptodev PMD and library), packet I/O (net_pcap, net_null,
# mempool, mbuf, ethdev) and the C library.
#
# Caveat: valgrind's CPU has no AVX-512, so intel-ipsec-mb runs its AVX2
# code here; the crypto figure is that code's, not the native one. vamgw's
# own figure is the same as natively (the build is the same binary).
#
# Usage: scripts/bench-instructions.sh [--suites A,B] [--sizes N,M]
#        [--paths P,Q] [--seconds S] [--top N] [--help]
#   --suites    default aes-128-gcm
#   --sizes     default 64
#   --paths     default spoke-lan,lan-spoke,spoke-spoke
#   --seconds   time under valgrind per path (default 15; the count per
#               packet does not depend on it beyond the first packets)
#   --top N     also list the N costliest functions of each run
set -euo pipefail
cd "$(dirname "$0")/.."

SUITES=(aes-128-gcm)
SIZES=(64)
PATHS=(spoke-lan lan-spoke spoke-spoke)
SECONDS_RUN=15
TOP=0

usage() {
	sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

die() {
	echo "bench-instructions: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--suites) IFS=, read -r -a SUITES <<<"${2:?--suites needs a list}"; shift ;;
	--sizes) IFS=, read -r -a SIZES <<<"${2:?--sizes needs a list}"; shift ;;
	--paths) IFS=, read -r -a PATHS <<<"${2:?--paths needs a list}"; shift ;;
	--seconds) SECONDS_RUN=${2:?--seconds needs a number}; shift ;;
	--top) TOP=${2:?--top needs a number}; shift ;;
	-h | --help) usage; exit 0 ;;
	*) die "unknown option '$1' (see --help)" ;;
	esac
	shift
done

# valgrind is not in scripts/install-deps.sh: the tests do not need it.
command -v valgrind >/dev/null || die "valgrind not found (apt-get install valgrind)"
for tool in python3 meson ninja; do
	command -v "$tool" >/dev/null || die "$tool not found (scripts/install-deps.sh, or apt-get)"
done

[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build app/vamgw/vamgw app/vam-pcapgen/vam-pcapgen >/dev/null
GW=$PWD/build/app/vamgw/vamgw
GEN=$PWD/build/app/vam-pcapgen/vam-pcapgen
SPLIT=$PWD/scripts/lib/callgrind-split.py

WORK=$(mktemp -d /tmp/vamgw-instr.XXXXXX)
PFX=vaminstr$$
trap 'rm -rf "$WORK" /var/run/dpdk/"$PFX"_*' EXIT
trap 'exit 130' INT TERM

# write_conf FILE STATICS: scripts/lib/bench-gateway.conf, then vam-pcapgen's static sessions.
write_conf() {
	cat scripts/lib/bench-gateway.conf "$2" >"$1"
}

# run DIR PATH N: vamgw (EAL prefix N) under callgrind on PATH's pcap; prints the split.
run() {
	local d=$1 path=$2 n=$3 vdevs ports log out pid rx drops
	log=$WORK/$path.log
	out=$WORK/$path.cg
	case $path in
	spoke-lan)
		vdevs=(--vdev "net_pcap0,rx_pcap=$d/spoke-lan.pcap,infinite_rx=1"
		       --vdev "net_pcap1,rx_pcap=$WORK/lan-arp.pcap")
		ports=(--outside net_pcap0 --protected net_pcap1) ;;
	lan-spoke)
		vdevs=(--vdev "net_null0,no-rx=1"
		       --vdev "net_pcap0,rx_pcap=$d/lan-spoke.pcap,infinite_rx=1")
		ports=(--outside net_null0 --protected net_pcap0) ;;
	spoke-spoke)
		vdevs=(--vdev "net_pcap0,rx_pcap=$d/spoke-spoke.pcap,infinite_rx=1"
		       --vdev "net_null0,no-rx=1")
		ports=(--outside net_pcap0 --protected net_null0) ;;
	*) die "unknown path '$path'" ;;
	esac
	valgrind --tool=callgrind --fair-sched=yes --callgrind-out-file="$out" --toggle-collect='dp_worker_poll*' \
		"$GW" -l 0,1 --no-huge -m 1024 --no-pci --log-level=lib.eal:error \
		--file-prefix "${PFX}_$n" "${vdevs[@]}" -- -c "$d/vamgw.conf" "${ports[@]}" \
		>"$log" 2>&1 &
	pid=$!
	sleep "$SECONDS_RUN"
	kill -INT "$pid"
	wait "$pid" || { tail -20 "$log" >&2; die "vamgw under valgrind failed ($path)"; }
	rx=$(sed -n 's/.*vamgw: rx \([0-9]*\) .*/\1/p' "$log")
	drops=$(sed -n 's/.* drops \([0-9]*\) .*/\1/p' "$log")
	if [ -z "$rx" ] || [ "$rx" -eq 0 ]; then
		tail -20 "$log" >&2
		die "no packets ($path)"
	fi
	echo "-- $path: $rx packets ($drops dropped)"
	python3 "$SPLIT" "$out" "$rx" "$TOP" | { if [ "$TOP" -gt 0 ]; then cat; else head -6; fi; }
}

echo "vamgw instructions per packet (callgrind), $(date -u '+%Y-%m-%d %H:%M UTC')," \
	"commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')"
"$GEN" --mode lan-arp --out "$WORK/lan-arp.pcap"
n=0
for suite in "${SUITES[@]}"; do
	for size in "${SIZES[@]}"; do
		d=$WORK/$suite-$size
		mkdir -p "$d"
		for path in "${PATHS[@]}"; do
			"$GEN" --suite "$suite" --size "$size" --mode "$path" --out "$d/$path.pcap" \
				--conf "$d/statics.conf"
		done
		write_conf "$d/vamgw.conf" "$d/statics.conf"
		echo "== $suite, $size B"
		for path in "${PATHS[@]}"; do
			n=$((n + 1))
			run "$d" "$path" "$n"
		done
	done
done
