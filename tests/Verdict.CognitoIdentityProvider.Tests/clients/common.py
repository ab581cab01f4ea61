"""Shared helpers for the Cognito client scripts: a boto3 client for the endpoint, error capture, JWKS verification."""
import base64
import json
import re
import sys
import urllib.request

import boto3
import botocore.config
from botocore.exceptions import ClientError
from joserfc import jwt
from joserfc.jwk import KeySet

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


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

    def error(self, call, code, message=None, what=""):
        try:
            call()
        except ClientError as e:
            self.eq(e.response["Error"]["Code"], code, f"{what} error code")
            if message is not None:
                self.eq(e.response["Error"]["Message"], message, f"{what} error message")
            return e
        raise AssertionError(f"{what}: expected {code}, but the call succeeded")


def client(endpoint, signed=True):
    config = botocore.config.Config(retries={"max_attempts": 1})
    if not signed:
        from botocore import UNSIGNED
        config = config.merge(botocore.config.Config(signature_version=UNSIGNED))
    return boto3.client(
        "cognito-idp", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test", config=config)


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def header(token):
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def verify(token, jwks):
    """Verifies the RS256 signature against the served JWKS with joserfc; returns the claims."""
    keys = KeySet.import_key_set(jwks)
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    return decoded.claims


def done(checks, **summary):
    summary["checks"] = checks.count
    print(json.dumps(summary))
    sys.stdout.flush()
