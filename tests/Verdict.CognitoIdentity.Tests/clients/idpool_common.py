"""Shared helpers for the identity pool scripts: boto3 clients for the endpoint, error capture, JWKS verification,
and a signed-in user of a Verdict user pool."""
import base64
import json
import sys
import urllib.request

import boto3
import botocore.config
from botocore.exceptions import ClientError
from joserfc import jwt
from joserfc.jwk import KeySet


class Checks:
    """Counts passed checks and fails loudly, so a script never passes by asserting nothing."""

    def __init__(self):
        self.count = 0

    def eq(self, actual, expected, what):
        if actual != expected:
            raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")
        self.count += 1

    def true(self, condition, what):
        if not condition:
            raise AssertionError(what)
        self.count += 1

    def error(self, call, code, message=None, what="", status=400):
        try:
            call()
        except ClientError as e:
            self.eq(e.response["Error"]["Code"], code, f"{what} error code ({e.response['Error'].get('Message')})")
            if message is not None:
                self.eq(e.response["Error"]["Message"], message, f"{what} error message")
            self.eq(e.response["ResponseMetadata"]["HTTPStatusCode"], status, f"{what} status")
            return e
        raise AssertionError(f"{what}: expected {code}, but the call succeeded")


def client(endpoint, service="cognito-identity", region="us-east-1", signed=True, validate=True, **keys):
    """A boto3 client; validate=False sends inputs the SDK would refuse, so the server's own checks answer."""
    config = botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=validate)
    if not signed:
        from botocore import UNSIGNED
        config = config.merge(botocore.config.Config(signature_version=UNSIGNED))
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region,
        aws_access_key_id=keys.get("key", "test"), aws_secret_access_key=keys.get("secret", "test"),
        aws_session_token=keys.get("token"), config=config)


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def payload(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def verify(token, jwks):
    """Verifies the RS256 signature against the served JWKS with joserfc; returns the claims."""
    return jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"]).claims


def user_pool(endpoint, region="us-east-1", name="idp-for-identity"):
    """A Verdict user pool with an app client and a confirmed user; returns (idp client, pool id, client id)."""
    idp = client(endpoint, "cognito-idp", region)
    pool_id = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return idp, pool_id, client_id


def sign_in(idp, pool_id, client_id, username, password="Passw0rd!Strong", groups=()):
    """Creates (if needed) and signs in a user; returns the AuthenticationResult."""
    try:
        idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}])
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
        for group in groups:
            idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
    except ClientError as e:
        if e.response["Error"]["Code"] != "UsernameExistsException":
            raise
    return idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": username, "PASSWORD": password})["AuthenticationResult"]


def done(checks, **summary):
    summary["checks"] = checks.count
    print(json.dumps(summary))
    sys.stdout.flush()
