#!/usr/bin/env python3
"""Medians of bench/boot-storm runs as Markdown (docs/benchmarks.md, "Boot storm")."""
import os, statistics as st, sys
out = sys.argv[1]
rows, order = {}, []
for line in open(os.path.join(out, 'runs.tsv')):
    name, phase, rep, cpu, util, cutil, res = line.rstrip('\n').split('\t', 6)
    kv = dict(p.split('=', 1) for p in res.split())
    if name not in order: order.append(name)
    rows.setdefault((phase, name), []).append(dict(cpu=float(cpu) if cpu != 'NA' else float('nan'), util=float(util) if util != 'NA' else float('nan'),
        cutil=float(cutil), rate=float(kv['rate']), p50=float(kv['p50_ms']), p99=float(kv['p99_ms']), mx=float(kv['max_ms']),
        hs50=float(kv['hs_p50_ms']), ok=int(kv['ok']), fail=int(kv['fail']), bad=int(kv['bad']), secs=float(kv['secs']),
        ccpu=float(kv['client_cpu_s']), conc=int(kv['conc']), bytes=float(kv['bytes_avg']), statuses=kv['statuses'], errors=kv['errors']))
med = lambda xs, f: st.median(x[f] for x in xs)
def bound(xs):  # which core limited the run: a saturated server core, the load client's core, or neither (the shared machine)
    u, c = med(xs, 'util'), med(xs, 'cutil')
    return 'server' if u >= 90 else 'client' if c >= 90 else 'neither'
env = open(os.path.join(out, 'env.txt')).read().strip() if os.path.exists(os.path.join(out, 'env.txt')) else ''
print(env.replace('\n', '; ') + '\n')
print("| phase | server | conc. | requests ok / failed / refused (sum of runs) | **requests/s** | vs nginx | p50 ms | **p99 ms** | max ms | handshake p50 ms | **server CPU ms / request** | server CPU % | client CPU % | client CPU ms / request | bound by | response bytes (with headers) |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
for phase in ('storm', 'steady'):
    for name in order:
        xs = rows.get((phase, name))
        if not xs: continue
        ng = rows.get((phase, 'nginx'))
        ratio = f"{med(xs, 'rate') / med(ng, 'rate'):.2f}x" if ng else '-'
        ok, fail, bad = sum(x['ok'] for x in xs), sum(x['fail'] for x in xs), sum(x['bad'] for x in xs)
        print(f"| {phase} | {name} | {xs[0]['conc']:,} | {ok:,} / {fail} / {bad} | **{med(xs, 'rate'):,.0f}** | {ratio} | {med(xs, 'p50'):.1f} | **{med(xs, 'p99'):.1f}** | {med(xs, 'mx'):.1f} "
              f"| {med(xs, 'hs50'):.1f} | **{med(xs, 'cpu'):.3f}** | {med(xs, 'util'):.0f} | {med(xs, 'cutil'):.0f} | {med(xs, 'ccpu') * 1000 / max(1, med(xs, 'ok')):.3f} | {bound(xs)} | {med(xs, 'bytes'):,.0f} |")
print("\n*bound by*: server = its core was at least 90 % busy (its throughput is measured); client = the load client's core was (the server can do at least this); neither = both cores had time left: other processes on the shared cores, or latency (connection set-up) limited the run.")
print("\nRuns (each line: one run):\n")
for (phase, name), xs in rows.items():
    for i, x in enumerate(xs):
        print(f"    {phase:6} {name:8} #{i + 1}: {x['rate']:8.1f}/s p50 {x['p50']:8.1f} p99 {x['p99']:8.1f} ms, server CPU {x['cpu']:.3f} ms/req ({x['util']:.0f}%), client {x['cutil']:.0f}%, statuses {x['statuses']}, errors {x['errors']}")
p = os.path.join(out, 'checks.txt')
if os.path.exists(p):
    print("\nChecks before the load (curl with phone 1's certificate):\n")
    for line in open(p): print("    " + line.rstrip())
