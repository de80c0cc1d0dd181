#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A wrong PSK, a wrong password, an address outside every range and no
# common algorithm each fail with the right code and exit status, and
# leave no state on the gateway.
E2E_PREFIX=er$$
E2E_PREFIX=${E2E_PREFIX:0:4}
export VAM_HALF_OPEN=2
. "$(dirname "$0")/lib.sh"

e2e_start 10 11
# once CASE EXPECTED-STATUS ARGS...: run vam-client --once in namespace 10.
once() {
	local what=$1 want=$2 rc
	shift 2
	ip netns exec "$P-c10" "$VAM_BUILD/app/vam-client/vam-client" -s 203.0.113.1 -d 7 \
		--once --retransmit 1 --retries 1 "$@" >"$WORK/once.log" 2>&1
	rc=$?
	check "$what: exit status $want (got $rc)" test "$rc" = "$want"
}

once "wrong PSK: no answer" 20 --psk wrong-key -a 10.1.0.10 -u alice -p alice-password-1
check "the wrong PSK was dropped by a worker as integrity" \
	test "$(tel_num /vam/workers 'sum(w["drop_integrity"] for w in r["/vam/workers"].values())')" -ge 1
once "wrong password: AUTH_FAILED" 2 --psk vamgw-demo-pre-shared-key -a 10.1.0.10 \
	-u alice -p not-her-password
check "the refusal says why" grep -q "failed: AUTH_FAILED" "$WORK/once.log"
once "address outside every range: NOT_IN_DOMAIN" 4 --psk vamgw-demo-pre-shared-key \
	-a 10.2.0.5 -u alice -p alice-password-1
once "no common algorithm: NO_PROPOSAL" 1 --psk vamgw-demo-pre-shared-key -a 10.1.0.10 \
	-u alice -p alice-password-1 --enc aes-128-cbc --integ hmac-sha512
once "the gateway's own address: CONFLICT" 9 --psk vamgw-demo-pre-shared-key -a 10.1.0.1 \
	-u alice -p alice-password-1
sleep 3	# the closed sessions' expiry (half_open_timeout = 2 s here)
counts=$(tel_num /vam/domains \
	'[r["/vam/domains"]["domains"]["7"][k] for k in ("half_open","registered","online","closed")]')
check "no state left on the gateway: $counts" test "$counts" = "[0, 0, 0, 0]"
check "the gateway counted one AUTH_FAILED and one NOT_IN_DOMAIN" \
	test "$(tel_num /vam/stats 'r["/vam/stats"]["domains"]["7"]["codes"].get("AUTH_FAILED",0)')" = 1
e2e_end
