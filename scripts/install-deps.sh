#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install every Debian 12 package vamgw needs to build, test and run.
# Idempotent and quiet: does nothing when all are present; otherwise one
# 'apt-get update' and one 'apt-get install'. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
	# build
	gcc clang meson ninja-build pkg-config python3
	# libraries
	libdpdk-dev dpdk libssl-dev libipsec-mb-dev libpcap-dev libcjson-dev
	# tests and fuzzing
	check libsubunit-dev libclang-rt-14-dev
	# AAA: RADIUS client library and a real server for the tests
	libradcli-dev freeradius freeradius-utils
	# end-to-end tests and demo: namespaces, veth, tools
	iproute2 iputils-ping procps
	# benchmarks: dpdk-testpmd, dpdk-test-crypto-perf, dpdk-telemetry.py; jq; taskset
	dpdk-dev jq util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
	SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Tests start their own FreeRADIUS on their own ports; a system one may run beside it.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
