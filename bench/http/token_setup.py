#!/usr/bin/env python3
"""Prepares IsAuthorizedWithToken bodies for wrk against a running Verdict (--no-auth) whose policy store holds w1.

  token_setup.py ENDPOINT POLICY_STORE_ID WORKLOAD_DIR OUT_PREFIX [TOKENS=500] [FRESH=0]

Creates a Cognito user pool and app client on Verdict, TOKENS users signed in with USER_PASSWORD_AUTH (real RS256
ID tokens), and an identity source on the store (principal type User, as in w1). Writes, from w1's requests (action,
resource, context and entity slice without the User entity; the principal comes from the token):
  OUT_PREFIX.token-repeated.bodies   every request with the same ID token
  OUT_PREFIX.token-rotating.bodies   request i with token i mod TOKENS
  OUT_PREFIX.token-fresh.bodies      (FRESH > 0) request i with its own ID token, minted by REFRESH_TOKEN_AUTH (each has
                                     its own jti), so a run shorter than FRESH requests never presents a token twice
Exits 3 when the server has no IsAuthorizedWithToken.
"""
import http.client
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    endpoint, store, workload, out_prefix = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 500
    fresh = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    config = Config(retries={"max_attempts": 1})
    idp = session.client("cognito-idp", endpoint_url=endpoint, config=config)
    avp = session.client("verifiedpermissions", endpoint_url=endpoint, config=config)
    pool = idp.create_user_pool(PoolName="bench-tokens")["UserPool"]
    client_id = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="bench",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    try:
        avp.create_identity_source(policyStoreId=store, principalEntityType="User", configuration={
            "cognitoUserPoolConfiguration": {"userPoolArn": pool["Arn"], "clientIds": [client_id]}})
    except ClientError as e:
        print(f"no identity sources: {e}", file=sys.stderr)
        sys.exit(3)
    tokens = []
    for i in range(count):
        name = f"bench{i}"
        idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password="Passw0rd!Passw0rd", Permanent=True)
        result = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": name, "PASSWORD": "Passw0rd!Passw0rd"})["AuthenticationResult"]
        tokens.append(result["IdToken"])
        if i == 0:
            refresh_token = result["RefreshToken"]

    fresh_tokens = mint_fresh(endpoint, client_id, refresh_token, fresh) if fresh > 0 else []
    requests = [json.loads(line) for line in open(os.path.join(workload, "avp-requests.jsonl")) if line.strip()]
    first = None
    for kind in ("repeated", "rotating", "fresh"):
        if kind == "fresh" and not fresh_tokens:
            continue
        pick = {"repeated": lambda i: tokens[0], "rotating": lambda i: tokens[i % count], "fresh": lambda i: fresh_tokens[i]}[kind]
        lines = len(fresh_tokens) if kind == "fresh" else len(requests)
        with open(f"{out_prefix}.token-{kind}.bodies", "w") as f:
            for i in range(lines):
                r = requests[i % len(requests)]
                # The token's user replaces the slice's User entity: AVP refuses entities of the identity source's
                # principal type.
                entities = [e for e in r["entities"]["entityList"] if e["identifier"]["entityType"] != "User"]
                body = {"policyStoreId": store, "identityToken": pick(i),
                        **{k: r[k] for k in ("action", "resource", "context")}, "entities": {"entityList": entities}}
                first = first or body
                f.write(json.dumps(body, separators=(",", ":")) + "\n")
    answer = avp.is_authorized_with_token(**first)
    print(json.dumps({"tokens": count, "firstDecision": answer["decision"], "principal": answer.get("principal")}))


def mint_fresh(endpoint, client_id, refresh_token, count):
    """COUNT new ID tokens of the first user, by REFRESH_TOKEN_AUTH over plain HTTP from 8 threads (boto3 is slower)."""
    url = urlparse(endpoint)
    body = json.dumps({"ClientId": client_id, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": refresh_token}})

    def mint(n):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        minted = []
        for _ in range(n):
            conn.request("POST", "/", body, {"X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                                             "Content-Type": "application/x-amz-json-1.1"})
            answer = json.loads(conn.getresponse().read())
            minted.append(answer["AuthenticationResult"]["IdToken"])
        conn.close()
        return minted

    with ThreadPoolExecutor(8) as pool:
        batches = list(pool.map(mint, [count // 8 + (1 if k < count % 8 else 0) for k in range(8)]))
    tokens = [t for batch in batches for t in batch]
    if len(set(tokens)) != len(tokens):
        raise RuntimeError("minted ID tokens repeat")
    return tokens


if __name__ == "__main__":
    main()
