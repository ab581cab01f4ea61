"""Signs random requests with botocore's own SigV4 signers and prints them as JSON lines, for Verdict's cross-check.

usage: python3 botocore_sign.py SEED COUNT
Each line: {"kind": "header"|"presigned", "timestamp": "...", "method", "rawPath", "rawQuery", "headers": [[k, v]...],
"bodyBase64", "secret", "accessKey", "token"}. Only botocore signs; nothing here computes a signature.
"""
import base64, json, random, sys, datetime
from urllib.parse import urlsplit
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

seed, count = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
ALPHA = "abcdefghijklmnopqrstuvwxyz0123456789"
ODD = " !$&'()*+,;=:@/?%~-._é😀"

def word(n=None, odd=False):
    n = n or rng.randint(1, 12)
    pool = ALPHA + (ODD if odd else "")
    return "".join(rng.choice(pool) for _ in range(n))

for i in range(count):
    presigned = rng.random() < 0.3
    method = rng.choice(["POST", "GET", "PUT", "DELETE"])
    segments = [word(odd=False) for _ in range(rng.randint(0, 3))]
    path = "/" + "/".join(segments) + ("/" if segments and rng.random() < 0.2 else "")
    params = [(word(odd=rng.random() < 0.3), word(odd=rng.random() < 0.3)) for _ in range(rng.randint(0, 3))]
    body = b"" if method == "GET" else json.dumps({word(): word(odd=True) for _ in range(rng.randint(0, 4))}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "VerifiedPermissions." + word()}
    for _ in range(rng.randint(0, 2)):
        headers["X-Custom-" + word(4)] = " " + word(odd=False) + "  " + word(odd=False) + " "
    token = word(20) if rng.random() < 0.2 else None
    creds = Credentials("AKID" + word(8).upper(), word(30), token)
    region = rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2"])
    req = AWSRequest(method=method, url="http://127.0.0.1:8340" + path, data=body, headers=headers, params=params)
    if presigned:
        SigV4QueryAuth(creds, "verifiedpermissions", region, expires=rng.randint(60, 3600)).add_auth(req)
    else:
        SigV4Auth(creds, "verifiedpermissions", region).add_auth(req)
    prepared = req.prepare()
    parts = urlsplit(prepared.url)
    out_headers = [[k, v if isinstance(v, str) else v.decode()] for k, v in prepared.headers.items()]
    if not any(k.lower() == "host" for k, _ in out_headers):
        out_headers.append(["Host", parts.netloc])
    ts = req.context["timestamp"]
    print(json.dumps({
        "kind": "presigned" if presigned else "header", "timestamp": ts, "method": method,
        "rawPath": parts.path or "/", "rawQuery": parts.query, "headers": out_headers,
        "bodyBase64": base64.b64encode(prepared.body or b"").decode(), "accessKey": creds.access_key,
        "secret": creds.secret_key, "token": token, "region": region,
    }))
