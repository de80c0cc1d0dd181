#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Query a running vamgw's telemetry and print the JSON reply.

usage: vam-telemetry.py FILE_PREFIX COMMAND [--clients]
  FILE_PREFIX  the gateway's --file-prefix (default "rte")
  COMMAND      e.g. /vam/clients,7  /vam/stats  /vam/workers
  --clients    print /vam/clients as an operator table instead of JSON
"""
import json
import socket
import sys


def query(prefix, cmd):
    path = '/var/run/dpdk/%s/dpdk_telemetry.v2' % prefix
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(path)
    greeting = json.loads(s.recv(1 << 16).decode())
    s.send(cmd.encode())
    reply = json.loads(s.recv(greeting.get('max_output_len', 16384) * 2).decode())
    s.close()
    return reply


def table(reply):
    clients = next(iter(reply.values()))['clients']
    print('%-11s %-10s %-6s %-8s %-21s %-21s %-4s %s' % (
        'address', 'name', 'role', 'state', 'control from', 'data to', 'nat', 'suite'))
    for c in clients.values():
        print('%-11s %-10s %-6s %-8s %-21s %-21s %-4s %s' % (
            c['private_addr'], c['name'], c['role'], c['state'], c['ctrl_addr'],
            c['data_addr'], 'yes' if c['nat'] else 'no', c['algs']))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    reply = query(argv[1], argv[2])
    if next(iter(reply.values())) is None:
        print('vam-telemetry: %s failed' % argv[2], file=sys.stderr)
        return 1
    if '--clients' in argv[3:]:
        table(reply)
    else:
        print(json.dumps(reply, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
