#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Run a command against a private FreeRADIUS on loopback:
#
#   tests/aaa/freeradius.sh COMMAND [ARGS...]
#
# Copies the packaged configuration (/etc/freeradius/3.0, or $FREERADIUS_CONF)
# into a temporary directory and rewrites what matters: its own ports (from
# RADIUS_AUTH_PORT / RADIUS_ACCT_PORT, else two free random ones), a client
# 127.0.0.1 with a known secret, users alice and bob with Cleartext-Password
# (bob's Access-Accept also carries attributes the client does not know), a
# site that accepts PAP and CHAP, no reject delay, and a detail file for
# accounting. Starts 'freeradius -X', waits until it accepts a PAP probe, runs COMMAND with
#
#   VAMGW_RADIUS_AUTH_PORT, VAMGW_RADIUS_ACCT_PORT, VAMGW_RADIUS_SECRET,
#   VAMGW_RADIUS_DETAIL (the accounting detail file)
#
# in its environment, then stops the server and removes the directory, also
# on failure or interruption. Exits with COMMAND's status; 1 (with a message,
# never a skip) if the server cannot be set up or started.
set -euo pipefail

SRC=${FREERADIUS_CONF:-/etc/freeradius/3.0}
SECRET=${VAMGW_RADIUS_SECRET:-vamgw-radius-test}
# The test programs know these users and passwords.
ALICE_PW=wonderland
BOB_PW=builder

tmp=
pid=
cmd_pid=

die()
{
	echo "freeradius.sh: $*" >&2
	exit 1
}

# shellcheck disable=SC2317 # show_log and cleanup run from the traps
show_log()
{
	if [ -n "$tmp" ] && [ -s "$tmp/radiusd.log" ]; then
		echo "---- last lines of the FreeRADIUS log ($tmp/radiusd.log) ----" >&2
		tail -n 60 "$tmp/radiusd.log" >&2
		echo "----" >&2
	fi
}

# shellcheck disable=SC2317
cleanup()
{
	local rc=$?

	trap - EXIT INT TERM
	if [ -n "$cmd_pid" ]; then
		kill -TERM "$cmd_pid" 2>/dev/null || true
		wait "$cmd_pid" 2>/dev/null || true
	fi
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	[ "$rc" -ne 0 ] && show_log
	[ -n "$tmp" ] && rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ $# -ge 1 ] || die "usage: $0 COMMAND [ARGS...]"
command -v freeradius >/dev/null ||
	die "freeradius is not installed (scripts/install-deps.sh installs it)"
command -v radclient >/dev/null ||
	die "radclient is not installed (package freeradius-utils)"
[ -r "$SRC/radiusd.conf" ] || die "cannot read $SRC/radiusd.conf"

# A UDP port nobody listens on (ss from iproute2).
port_free()
{
	[ -z "$(ss -Hlun "sport = :$1" 2>/dev/null)" ]
}

pick_ports()
{
	local base

	if [ -n "${RADIUS_AUTH_PORT:-}" ] || [ -n "${RADIUS_ACCT_PORT:-}" ]; then
		AUTH_PORT=${RADIUS_AUTH_PORT:?set both RADIUS_AUTH_PORT and RADIUS_ACCT_PORT}
		ACCT_PORT=${RADIUS_ACCT_PORT:?set both RADIUS_AUTH_PORT and RADIUS_ACCT_PORT}
		return
	fi
	for _ in $(seq 20); do
		base=$((20000 + (RANDOM % 20000) * 2))
		if port_free "$base" && port_free $((base + 1)); then
			AUTH_PORT=$base
			ACCT_PORT=$((base + 1))
			return
		fi
	done
	die "no free UDP port pair found"
}

write_config()
{
	local d=$tmp/raddb m

	mkdir -p "$tmp/log" "$tmp/run" "$tmp/acct"
	cp -a "$SRC" "$d" || die "cannot copy $SRC (run as root?)"
	# EAP and the TLS certificates are not needed; leaving them out keeps
	# the server independent of how the package generated its certificates.
	rm -rf "$d/certs" "$d/sites-enabled"/* "$d/mods-enabled"/*
	for m in always attr_filter chap expr pap files; do
		ln -s "../mods-available/$m" "$d/mods-enabled/$m"
	done
	sed -i -E \
		-e "s@^(\s*raddbdir\s*=).*@\1 $d@" \
		-e "s@^(\s*logdir\s*=).*@\1 $tmp/log@" \
		-e "s@^(\s*radacctdir\s*=).*@\1 $tmp/acct@" \
		-e "s@^(\s*run_dir\s*=).*@\1 $tmp/run@" \
		-e "s@^(\s*)(user|group)\s*=.*@\1# \2: the invoking user@" \
		-e "s@^(\s*reject_delay\s*=).*@\1 0@" \
		"$d/radiusd.conf"

	cat >"$d/clients.conf" <<-EOF
		client vamgw-test {
			ipaddr = 127.0.0.1
			secret = $SECRET
			nas_type = other
		}
	EOF
	cat >"$d/mods-config/files/authorize" <<-EOF
		alice	Cleartext-Password := "$ALICE_PW"
		bob	Cleartext-Password := "$BOB_PW"
		    Reply-Message = "hello bob",
		    Session-Timeout = 3600,
		    Class = 0x766d67772d74657374,
		    Framed-Routing = Broadcast,
		    Cisco-AVPair = "vamgw=test"
	EOF
	cat >"$d/mods-enabled/vamgw_detail" <<-EOF
		detail vamgw_detail {
			filename = $tmp/detail
			escape_filenames = no
			permissions = 0600
			header = "%t"
		}
	EOF
	cat >"$d/sites-enabled/vamgw" <<-EOF
		server vamgw {
			listen {
				type = auth
				ipaddr = 127.0.0.1
				port = $AUTH_PORT
			}
			listen {
				type = acct
				ipaddr = 127.0.0.1
				port = $ACCT_PORT
			}
			authorize {
				chap
				files
				pap
			}
			authenticate {
				Auth-Type PAP {
					pap
				}
				Auth-Type CHAP {
					chap
				}
			}
			preacct {
				ok
			}
			accounting {
				vamgw_detail
			}
			post-auth {
				Post-Auth-Type REJECT {
					attr_filter.access_reject
				}
			}
		}
	EOF
}

# Start the server and wait until it accepts alice by PAP.
start_server()
{
	local out

	freeradius -XC -d "$tmp/raddb" >"$tmp/check.log" 2>&1 || {
		tail -n 40 "$tmp/check.log" >&2
		die "FreeRADIUS refuses the generated configuration" \
			"(or ports $AUTH_PORT/$ACCT_PORT are taken)"
	}
	freeradius -X -d "$tmp/raddb" >"$tmp/radiusd.log" 2>&1 </dev/null &
	pid=$!
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || die "FreeRADIUS exited during start-up"
		if grep -q 'Ready to process requests' "$tmp/radiusd.log"; then
			break
		fi
		sleep 0.1
	done
	grep -q 'Ready to process requests' "$tmp/radiusd.log" ||
		die "FreeRADIUS did not become ready within 10 s"
	out=$(printf 'User-Name = "alice"\nUser-Password = "%s"\n' "$ALICE_PW" |
		radclient -r 3 -t 1 "127.0.0.1:$AUTH_PORT" auth "$SECRET" 2>&1) || true
	case $out in
	*Access-Accept*) ;;
	*) echo "$out" >&2; die "FreeRADIUS does not accept the PAP probe on port $AUTH_PORT" ;;
	esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vamgw-radius.XXXXXX")
pick_ports
write_config
start_server
echo "freeradius.sh: FreeRADIUS pid $pid on 127.0.0.1 auth $AUTH_PORT acct $ACCT_PORT" >&2

# In the background, so that a signal to this script is handled at once.
VAMGW_RADIUS_AUTH_PORT=$AUTH_PORT VAMGW_RADIUS_ACCT_PORT=$ACCT_PORT \
	VAMGW_RADIUS_SECRET=$SECRET VAMGW_RADIUS_DETAIL=$tmp/detail "$@" &
cmd_pid=$!
cmd_rc=0
wait "$cmd_pid" || cmd_rc=$?
cmd_pid=
exit "$cmd_rc"
