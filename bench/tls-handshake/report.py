#!/usr/bin/env python3
"""Medians of bench/tls-handshake runs as a Markdown table (docs/benchmarks.md, "TLS handshakes")."""
import re, statistics as st, sys, os
out = sys.argv[1]
rows = {}
for line in open(os.path.join(out, 'runs.tsv')):
    name, key, tls, conc, rep, cpu_ms, util, res = line.rstrip('\n').split('\t', 7)
    kv = dict(p.split('=') for p in res.split())
    rows.setdefault((key, tls, int(conc), name), []).append(dict(cpu=float(cpu_ms), util=float(util), rate=float(kv['rate']),
        p50=float(kv['p50_ms']), p99=float(kv['p99_ms']), ccpu=float(kv['client_cpu_s']), secs=float(kv['secs']), fail=int(kv['fail'])))
med = lambda xs, f: st.median(x[f] for x in xs)

speed = open(os.path.join(out, 'speed.txt')).read()
m = re.search(r'256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)', speed)
ecsign, ecverify = (float(m.group(1)), float(m.group(2))) if m else (0, 0)
m = re.search(r'256 bits ecdh \(nistp256\)\s+\S+\s+([\d.]+)', speed)
ecdh = float(m.group(1)) if m else 0
m = re.search(r'rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)', speed)
rsasign = float(m.group(1)) if m else 0
bound = {}
if ecsign and ecverify and ecdh:
    bound['ec'] = 1000 / ecsign + 2000 / ecverify + 1000 / ecdh
if rsasign and ecverify and ecdh:
    bound['rsa'] = 1000 / rsasign + 2000 / ecverify + 1000 / ecdh   # server RSA sign; client chain is EC (2 verifies)

print("| server key | TLS | conc. | server | handshakes/s | p50 ms | p99 ms | server CPU % | **server CPU ms / handshake** | min-max of runs | vs nginx | client CPU s/run |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for (key, tls, conc, name) in sorted(rows, key=lambda k: (k[0] != 'ec', k[1], k[2], {'nginx': 0, 'ucsec-nio': 1, 'ucsec-boringssl-rsa': 1, 'ucsec': 2}.get(k[3], 3))):
    xs = rows[(key, tls, conc, name)]
    ng = rows.get((key, tls, conc, 'nginx'))
    ratio = med(xs, 'cpu') / med(ng, 'cpu') if ng and med(ng, 'cpu') else 0
    print(f"| {'EC P-256' if key == 'ec' else 'RSA-2048'} | {tls} | {conc} | {name} | {med(xs, 'rate'):,.0f} | {med(xs, 'p50'):.2f} | {med(xs, 'p99'):.2f} "
          f"| {med(xs, 'util'):.0f} | **{med(xs, 'cpu'):.3f}** | {min(x['cpu'] for x in xs):.3f}-{max(x['cpu'] for x in xs):.3f} | {ratio:.2f}x | {med(xs, 'ccpu'):.1f} |")
print()
for k, v in bound.items():
    print(f"openssl speed bound, {'EC P-256' if k == 'ec' else 'RSA-2048'} server key: {v:.3f} ms CPU per handshake "
          f"(ECDSA P-256 sign {ecsign:,.0f}/s, verify {ecverify:,.0f}/s, ECDH P-256 {ecdh:,.0f}/s, RSA-2048 sign {rsasign:,.0f}/s)")
print()
p = os.path.join(out, 'idle.tsv')
if os.path.exists(p) and os.path.getsize(p):
    print("| server | idle TLS connections | RSS before kB | RSS after kB | **kB per connection** |")
    print("|---|---:|---:|---:|---:|")
    for line in open(p):
        n, c, a, b, per = line.split()
        print(f"| {n} | {c} | {a} | {b} | **{per}** |")
    print()
p = os.path.join(out, 'refusal.txt')
if os.path.exists(p) and os.path.getsize(p):
    print("With and without a client certificate (openssl s_client; nginx answers HTTP, ucsec SIP OPTIONS):\n")
    for line in open(p): print("    " + line.rstrip())
