#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: install what is missing, build, and run vamgw's demo.
# Until the gateway lands, the demo is the protocol core's self-test: one
# complete exchange between an in-memory client and server, every datagram
# printed as its receiver decoded it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
for suite in aes-256-gcm aes-128-cbc chacha20-poly1305; do
	build/app/vam-selftest/vam-selftest --suite "$suite"
	echo
done
echo "demo: OK"
