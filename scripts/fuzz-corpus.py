#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Write libFuzzer seed corpora for tests/fuzz from the shared vectors.

usage: fuzz-corpus.py VECTORS_DIR OUT_DIR
Creates OUT_DIR/tlv (type || code || TLV body) and OUT_DIR/record
(selector || datagram, and selector|0x80 || plaintext for every suite).
"""
import hashlib
import json
import os
import sys

SUITES = [(0, 0), (0, 2), (0, 3), (0, 4), (0, 5), (3, 2), (3, 3), (3, 4), (3, 5),
          (4, 2), (4, 3), (4, 4), (4, 5), (5, 2), (5, 3), (5, 4), (5, 5),
          (9, 0), (10, 0), (11, 0)]


def put(d, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def main():
    vec, out = sys.argv[1], sys.argv[2]
    tlv, rec = os.path.join(out, 'tlv'), os.path.join(out, 'record')
    os.makedirs(tlv, exist_ok=True)
    os.makedirs(rec, exist_ok=True)
    bodies, datagrams = [], []
    for name in sorted(os.listdir(vec)):
        if not name.startswith('handshake-'):
            continue
        for p in json.load(open(os.path.join(vec, name)))['packets']:
            hf = p['header_fields']
            dg = bytes.fromhex(p['datagram'])
            datagrams.append(dg)
            if hf['type'] != 32:
                bodies.append(bytes([hf['type'], hf['code']]) + bytes.fromhex(p['plaintext']))
    for s in json.load(open(os.path.join(vec, 'records.json')))['suites']:
        for c in s['cases']:
            datagrams.append(bytes.fromhex(c['datagram']))
            bodies.append(bytes([c['type'], 0]) + bytes.fromhex(c['plaintext']))
    for c in json.load(open(os.path.join(vec, 'invalid.json')))['invalid']:
        datagrams.append(bytes.fromhex(c['datagram']))
    for b in bodies:
        put(tlv, b)
    for d in datagrams:
        put(tlv, d)
        for i in range(len(SUITES)):
            put(rec, bytes([i]) + d)
    for i in range(len(SUITES)):
        for b in bodies[:12]:
            put(rec, bytes([0x80 | i]) + b[2:])
    print('corpus: %d tlv seeds, %d record seeds' % (len(os.listdir(tlv)), len(os.listdir(rec))))


if __name__ == '__main__':
    main()
