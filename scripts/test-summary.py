#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Count test cases over meson test logs and print 'N passed, N failed'.

usage: test-summary.py TESTLOG.json [...] [--extra NAME:ok|fail ...]
A Check executable counts its cases from Check's own line
('NN%: Checks: C, Failures: F, Errors: E'), a script from its own
'N passed, N failed' line; any other test counts as one case. A test that failed without a Check line counts as one failure, so a
crash or a timeout is never lost.
"""
import json
import re
import sys

CHECK = re.compile(r'^\d+%: Checks: (\d+), Failures: (\d+), Errors: (\d+)', re.M)
PLAIN = re.compile(r'^(\d+) passed, (\d+) failed$', re.M)


def count(path):
    passed = failed = 0
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            ok = t['result'] in ('OK', 'EXPECTEDFAIL', 'SKIP')
            out = t.get('stdout') or ''
            runs = CHECK.findall(out) or [(int(p) + int(f), f, 0) for p, f in PLAIN.findall(out)]
            if runs:
                c, fl, e = (sum(int(r[i]) for r in runs) for i in range(3))
                passed += c - fl - e
                failed += fl + e
                if not ok and fl + e == 0:
                    failed += 1   # crashed or timed out after its summary
            elif ok:
                passed += 1
            else:
                failed += 1
    return passed, failed


def main(args):
    passed = failed = 0
    extra = False
    for a in args:
        if a == '--extra':
            extra = True
            continue
        if extra:
            name, _, res = a.rpartition(':')
            if res == 'ok':
                passed += 1
            else:
                failed += 1
            continue
        p, f = count(a)
        passed += p
        failed += f
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
