#!/usr/bin/env python3
"""Medians of bench/reg-storm runs as Markdown (docs/benchmarks.md, "Registration storm")."""
import os, statistics as st, sys
out = sys.argv[1]
rows, order = {}, []
# runs in which the server died (crashes.txt): a phase of such a run with failures is cut short, even when the
# process was still exiting as the phase ended
import re
died = set()
p = os.path.join(out, 'crashes.txt')
if os.path.exists(p):
    for m in re.finditer(r'^(\S+): process \d+ exited during the (\w+) run #(\d+)', open(p).read(), re.M):
        died.add((m.group(1), m.group(2), m.group(3)))
reps = {}
for line in open(os.path.join(out, 'runs.tsv')):
    name, auth, phase, rep, cpu, util, cutil, res = line.rstrip('\n').split('\t', 7)
    kv = dict(p.split('=', 1) for p in res.split())
    if name not in order: order.append(name)
    if (name, 'handshake' if phase == 'handshake' else 'persistent', rep) in died and int(kv['fail']) > 0: kv['crashed'] = '1'
    nan = float('nan')
    rows.setdefault((phase, name), []).append(dict(auth=auth, cpu=float(cpu) if cpu != 'NA' else nan, util=float(util) if util != 'NA' else nan,
        cutil=float(cutil), rate=float(kv['rate']), p50=float(kv['p50_ms']), p99=float(kv['p99_ms']), mx=float(kv['max_ms']),
        ok=int(kv['ok']), fail=int(kv['fail']), bad=int(kv['bad']), chal=int(kv['challenges']), ccpu=float(kv['client_cpu_s']),
        conc=int(kv['conc']), devices=int(kv['devices']), statuses=kv['statuses'], errors=kv['errors'], crashed='crashed' in kv))
def med(xs, f):  # runs cut short by a crash of the server are listed, not counted
    v = [x[f] for x in xs if not x['crashed'] and x[f] == x[f]]
    return st.median(v) if v else float('nan')
def bound(xs):  # which core limited the run: a saturated server core, the load client's core, or neither (the shared machine)
    u, c = med(xs, 'util'), med(xs, 'cutil')
    return 'server' if u >= 90 else 'client' if c >= 90 else 'neither'
p = os.path.join(out, 'env.txt')
if os.path.exists(p): print(open(p).read().strip().replace('\n', '; ') + '\n')
labels = {'handshake': '(a) full TLS handshake per registration', 'initial': '(b) initial: every device connects + registers',
          'reregister': '(b) re-registration on the open connections'}
anchor = order[0] if order else None
print("| phase | server | auth | devices | in flight | registrations ok / failed / refused (sum) | **registrations/s** | vs " + str(anchor) + " | p50 ms | **p99 ms** | 401s per registration | **server CPU ms / registration** | server CPU % | client CPU % | bound by |")
print("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for phase in ('handshake', 'initial', 'reregister'):
    for name in order:
        xs = rows.get((phase, name))
        if not xs: continue
        an = rows.get((phase, anchor))
        ratio = f"{med(xs, 'rate') / med(an, 'rate'):.2f}x" if an and med(an, 'rate') else '-'
        good = [x for x in xs if not x['crashed']]
        ok, fail, bad = sum(x['ok'] for x in good), sum(x['fail'] for x in good), sum(x['bad'] for x in good)
        if not good: continue
        chal = sum(x['chal'] for x in good) / max(1, ok)
        print(f"| {labels[phase]} | {name} | {xs[0]['auth']} | {xs[0]['devices']:,} | {xs[0]['conc']} | {ok:,} / {fail} / {bad} ({len(good)} runs{', ' + str(len(xs) - len(good)) + ' crashed' if len(xs) > len(good) else ''}) | **{med(xs, 'rate'):,.0f}** | {ratio} "
              f"| {med(xs, 'p50'):.1f} | **{med(xs, 'p99'):.1f}** | {chal:.2f} | **{med(xs, 'cpu'):.3f}** | {med(xs, 'util'):.0f} | {med(xs, 'cutil'):.0f} | {bound(xs)} |")
print("\n*bound by*: server = its core(s) at least 90 % busy; client = the load client's core was; neither = both had time left (other processes on the shared cores, or latency).")
print("\nRuns (each line: one run):\n")
for (phase, name), xs in rows.items():
    for i, x in enumerate(xs):
        print(f"    {phase:10} {name:8} #{i + 1}: {x['rate']:8.1f}/s p50 {x['p50']:7.1f} p99 {x['p99']:7.1f} ms, server CPU {x['cpu']:.3f} ms/reg ({x['util']:.0f}%), client {x['cutil']:.0f}%, statuses {x['statuses']}, errors {x['errors']}{'  ** the server crashed during this run **' if x['crashed'] else ''}")
for f, title in (('checks.txt', 'Checks'), ('crashes.txt', 'Crashes / exits')):
    p = os.path.join(out, f)
    if os.path.exists(p) and os.path.getsize(p):
        print(f"\n{title}:\n")
        for line in open(p): print("    " + line.rstrip())
