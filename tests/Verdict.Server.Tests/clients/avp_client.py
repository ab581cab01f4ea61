"""What the boto3 scenario scripts share: a client for the server named on the command line, and error checks."""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
SCENARIO = sys.argv[2]


def client(region="us-east-1"):
    return boto3.client(
        "verifiedpermissions",
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e.response}"
        return e.response
    raise AssertionError(f"expected {code}, but the call succeeded")
