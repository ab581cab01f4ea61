#!/usr/bin/env python3
"""Prepares IsAuthorizedWithToken bodies for wrk against a running Verdict (--no-auth) whose policy store holds w1.

  token_setup.py ENDPOINT POLICY_STORE_ID WORKLOAD_DIR OUT_PREFIX [TOKENS=500]

Creates a Cognito user pool and app client on Verdict, TOKENS users signed in with USER_PASSWORD_AUTH (real RS256
ID tokens), and an identity source on the store (principal type User, as in w1). Writes, from w1's requests (action,
resource, context and entity slice without the User entity; the principal comes from the token):
  OUT_PREFIX.token-repeated.bodies   every request with the same ID token
  OUT_PREFIX.token-rotating.bodies   request i with token i mod TOKENS
Exits 3 when the server has no IsAuthorizedWithToken.
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    endpoint, store, workload, out_prefix = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 500
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
        tokens.append(idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": name, "PASSWORD": "Passw0rd!Passw0rd"})["AuthenticationResult"]["IdToken"])

    requests = [json.loads(line) for line in open(os.path.join(workload, "avp-requests.jsonl")) if line.strip()]
    first = None
    for kind in ("repeated", "rotating"):
        with open(f"{out_prefix}.token-{kind}.bodies", "w") as f:
            for i, r in enumerate(requests):
                # The token's user replaces the slice's User entity: AVP refuses entities of the identity source's
                # principal type.
                entities = [e for e in r["entities"]["entityList"] if e["identifier"]["entityType"] != "User"]
                body = {"policyStoreId": store, "identityToken": tokens[0] if kind == "repeated" else tokens[i % count],
                        **{k: r[k] for k in ("action", "resource", "context")}, "entities": {"entityList": entities}}
                first = first or body
                f.write(json.dumps(body, separators=(",", ":")) + "\n")
    answer = avp.is_authorized_with_token(**first)
    print(json.dumps({"tokens": count, "firstDecision": answer["decision"], "principal": answer.get("principal")}))


if __name__ == "__main__":
    main()
