#!/usr/bin/env python3
"""The node's REST API for the bench harnesses (boot-storm, reg-storm): what the CLI does, in bulk, without a JVM per
call. Reads DATA/cli.json (url), DATA/admin.token and pins DATA/admin-listener.pem, as NodeClient does.

  ucsec_api.py DATA call METHOD PATH [JSON]                 one request; prints the status and the body
  ucsec_api.py DATA oauth-devices DEVICES.txt PROFILE [THREADS]
        SIP OAuth devices (sipoauth branch, O8): every name in DEVICES.txt (one a line) becomes a device with the
        phone security profile PROFILE (PUT /api/v1/phone-security/devices/{name}).
  ucsec_api.py DATA oauth-tokens DEVICES.txt TOKEN_URL OUT.csv [THREADS]
        an activation code for every device (POST /api/v1/sipoauth/activation-codes, O10)
        and redeemed at the token endpoint TOKEN_URL (https://host:port/oauth/token, the activation-code grant); the
        access token goes to OUT.csv as "device;token" (sipp -inf form, with a SEQUENTIAL first line).
  ucsec_api.py DATA phones PHONES.tsv GROUP [THREADS]
        phone profiles (phone branch, P6): one per line of PHONES.tsv (mac, model, serial) in group GROUP.
"""
import http.client, json, os, re, ssl, sys, threading, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor


def pinned_context(pem_path):
    pem = open(pem_path).read()
    pins = {ssl.PEM_cert_to_DER_cert(m) for m in re.findall(r'-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----', pem, re.S)}
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # pinned below, by the exact certificate
    return ctx, pins


class Node:
    def __init__(self, data):
        cfg = json.load(open(os.path.join(data, 'cli.json')))
        u = urllib.parse.urlsplit(cfg['url'])
        self.host, self.port = u.hostname, u.port
        self.token = open(cfg.get('tokenFile') or os.path.join(data, 'admin.token')).read().strip()
        self.ctx, self.pins = pinned_context(cfg.get('serverCertFile') or os.path.join(data, 'admin-listener.pem'))
        self.local = threading.local()

    def conn(self):
        c = getattr(self.local, 'c', None)
        if c is None:
            c = http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=120)
            c.connect()
            if c.sock.getpeercert(binary_form=True) not in self.pins:
                raise SystemExit('ucsec_api: the admin listener is not the pinned certificate')
            self.local.c = c
        return c

    def call(self, method, path, body=None):
        for attempt in (1, 2):
            try:
                c = self.conn()
                headers = {'Authorization': 'Bearer ' + self.token, 'Accept': 'application/json'}
                data = None
                if body is not None:
                    data = json.dumps(body).encode()
                    headers['Content-Type'] = 'application/json'
                c.request(method, path, body=data, headers=headers)
                r = c.getresponse()
                text = r.read().decode('utf-8', 'replace')
                try:
                    return r.status, json.loads(text) if text else None
                except ValueError:
                    return r.status, text
            except (http.client.HTTPException, OSError):
                self.local.c = None
                if attempt == 2:
                    raise

    def ok(self, method, path, body=None):
        s, b = self.call(method, path, body)
        if s // 100 != 2:
            raise SystemExit(f'ucsec_api: {method} {path} -> {s} {b}')
        return b


def value(b):
    return b.get('value', b) if isinstance(b, dict) else b


def oauth_devices(node, devices_file, profile, threads):
    names = [l.strip() for l in open(devices_file) if l.strip()]
    t0 = time.time()
    with ThreadPoolExecutor(threads) as ex:
        list(ex.map(lambda n: node.ok('PUT', '/api/v1/phone-security/devices/' + urllib.parse.quote(n, safe=''), {'profile': profile}), names))
    print(f'ucsec_api: {len(names)} OAuth devices in {time.time() - t0:.1f} s', file=sys.stderr)


def oauth_tokens(node, devices_file, token_url, out, threads):
    names = [l.strip() for l in open(devices_file) if l.strip()]
    tu = urllib.parse.urlsplit(token_url)
    tctx = ssl.create_default_context(); tctx.check_hostname = False; tctx.verify_mode = ssl.CERT_NONE
    local = threading.local()

    def one(name):
        code = value(node.ok('POST', '/api/v1/sipoauth/activation-codes/' + urllib.parse.quote(name, safe=''), {}))['code']
        form = urllib.parse.urlencode({'grant_type': 'urn:ucsec:params:oauth:grant-type:activation-code', 'client_id': name, 'activation_code': code})
        for attempt in (1, 2):
            try:
                c = getattr(local, 'c', None) or http.client.HTTPSConnection(tu.hostname, tu.port, context=tctx, timeout=60)
                local.c = c
                c.request('POST', tu.path, body=form, headers={'Content-Type': 'application/x-www-form-urlencoded'})
                r = c.getresponse(); text = r.read().decode()
                break
            except (http.client.HTTPException, OSError):
                local.c = None
                if attempt == 2: raise
        if r.status != 200:
            raise SystemExit(f'ucsec_api: token for {name} -> {r.status} {text}')
        return name, json.loads(text)['access_token']

    t0 = time.time()
    with ThreadPoolExecutor(threads) as ex:
        rows = list(ex.map(one, names))
    with open(out, 'w') as f:
        f.write('SEQUENTIAL\n')
        for name, tok in rows:
            f.write(f'{name};{tok}\n')
    print(f'ucsec_api: {len(rows)} devices with access tokens in {time.time() - t0:.1f} s -> {out}', file=sys.stderr)


def phones(node, phones_tsv, group, threads):
    # the phone capability (branch phone, 58c3179): PUT /api/v1/phone/phones/{mac} {model, serial, group}
    rows = [l.split() for l in open(phones_tsv) if l.strip()]
    t0 = time.time()
    def one(r):
        mac, model, serial = r
        node.ok('PUT', '/api/v1/phone/phones/' + mac, {'model': model, 'serial': serial, 'group': group})
    with ThreadPoolExecutor(threads) as ex:
        list(ex.map(one, rows))
    print(f'ucsec_api: {len(rows)} phone profiles in {time.time() - t0:.1f} s', file=sys.stderr)


if __name__ == '__main__':
    a = sys.argv[1:]
    if len(a) < 2: sys.exit(__doc__)
    node = Node(a[0])
    if a[1] == 'call':
        s, b = node.call(a[2], a[3], json.loads(a[4]) if len(a) > 4 else None)
        print(s); print(json.dumps(b, indent=1) if not isinstance(b, str) else b)
        sys.exit(0 if s // 100 == 2 else 1)
    elif a[1] == 'oauth-devices':
        oauth_devices(node, a[2], a[3], int(a[4]) if len(a) > 4 else 4)
    elif a[1] == 'oauth-tokens':
        oauth_tokens(node, a[2], a[3], a[4], int(a[5]) if len(a) > 5 else 4)
    elif a[1] == 'phones':
        phones(node, a[2], a[3], int(a[4]) if len(a) > 4 else 4)
    else:
        sys.exit(__doc__)
