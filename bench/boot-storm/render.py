#!/usr/bin/env python3
"""Pre-render every phone's cfg.xml for nginx (bench/boot-storm): cfg.xml.in with the phone's macros expanded, written
where the phone's URL points.   render.py TEMPLATE PHONES.tsv DOCROOT URLPATTERN
Macros (the subset of Cisco's that ucsec expands when serving, issue 9 item 6): $MA, $MAU, $MAC, $PN, $SN, $CCERT
(Installed: every bench phone has its own certificate), $$."""
import os, re, sys
template, phones, docroot, pattern = sys.argv[1:5]
text = open(template, encoding='utf-8').read()
def expand(s, mac, model, serial):
    vals = {'MAU': mac.upper(), 'MAC': ':'.join(mac[i:i + 2] for i in range(0, 12, 2)), 'MA': mac, 'PN': model,
            'SN': serial, 'CCERT': 'Installed', '$': '$'}
    return re.sub(r'\$(CCERT|MAU|MAC|MA|PN|SN|\$)', lambda m: vals[m.group(1)], s)
n = 0
for line in open(phones):
    mac, model, serial = line.split()
    path = os.path.join(docroot, expand(pattern, mac, model, serial).lstrip('/'))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(expand(text, mac, model, serial))
    n += 1
print(f"render.py: {n} cfg.xml files under {docroot}", file=sys.stderr)
