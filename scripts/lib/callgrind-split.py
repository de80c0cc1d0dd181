#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Self instruction counts of a callgrind profile, per object and per function.

Usage: callgrind-split.py FILE PACKETS [TOP]

Prints instructions per packet for each part of the gateway's path (vamgw's
own code, crypto, packet I/O, the C library) and the TOP (default 25)
costliest functions. Reads callgrind's output format itself rather than
callgrind_annotate's report, which merges functions of the same name from
different objects (every stripped "???:0x..." of every library into one).
"""
import re
import sys
from collections import defaultdict

# Which part of the path an object belongs to, by its file name.
PARTS = [
    ("crypto", re.compile(r"libIPSec_MB|librte_crypto_|librte_cryptodev|libcrypto")),
    ("io", re.compile(r"librte_net_|librte_mempool|librte_mbuf|librte_ethdev|librte_ring")),
    ("libc", re.compile(r"libc\.so|ld-linux")),
    ("vamgw", re.compile(r"/vamgw$")),
]

NAMED = re.compile(r"^(ob|fl|fi|fe|fn|cob|cfi|cfl|cfn)=\((\d+)\)(?: (.*))?$")


def part_of(obj):
    for name, rx in PARTS:
        if rx.search(obj):
            return name
    return "other"


def parse(path):
    """Self cost (first event) per (object, function)."""
    names = defaultdict(dict)	# kind -> id -> name
    cost = defaultdict(int)
    ob = fn = "?"
    skip_next = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = NAMED.match(line.rstrip("\n"))
            if m:
                kind, ident, name = m.groups()
                table = {"cob": "ob", "cfi": "fl", "cfl": "fl", "fi": "fl", "fe": "fl",
                         "cfn": "fn"}.get(kind, kind)
                if name is not None:
                    names[table][ident] = name
                if kind == "ob":
                    ob = names["ob"].get(ident, "?")
                elif kind == "fn":
                    fn = names["fn"].get(ident, "?")
                continue
            if line.startswith("calls="):
                skip_next = True	# the next cost line is the call's inclusive cost
                continue
            if not line or not (line[0].isdigit() or line[0] in "+-*"):
                continue
            if skip_next:
                skip_next = False
                continue
            fields = line.split()
            if len(fields) >= 2:
                cost[(ob, fn)] += int(fields[1])
    return cost


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cost = parse(sys.argv[1])
    pkts = int(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    if pkts <= 0:
        sys.exit("callgrind-split: no packets")
    parts = defaultdict(int)
    for (ob, _), c in cost.items():
        parts[part_of(ob)] += c
    total = sum(parts.values())
    print("instructions per packet: %.0f in all" % (total / pkts))
    for name in ("vamgw", "crypto", "io", "libc", "other"):
        print("  %-7s %7.1f" % (name, parts[name] / pkts))
    print("costliest functions (instructions per packet):")
    for (ob, fn), c in sorted(cost.items(), key=lambda kv: -kv[1])[:top]:
        print("  %7.1f  %-6s %s" % (c / pkts, part_of(ob), fn))


if __name__ == "__main__":
    main()
