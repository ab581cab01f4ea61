"""Authentication and tenancy through boto3 against a started Verdict (SigV4 checked for real).

usage: python3 auth_boto3.py ENDPOINT SCENARIO
Keys expected in the server's credentials file:
  AKIDACCOUNTONE / secret-one   -> 111111111111
  AKIDACCOUNTTWO / secret-two   -> 222222222222
Each scenario prints "<scenario>: ok" on success and exits non-zero on the first failure.
"""
import datetime, random, sys, threading
import boto3, botocore.auth
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, scenario = sys.argv[1], sys.argv[2]
KEYS = {"one": ("AKIDACCOUNTONE", "secret-one", "111111111111"), "two": ("AKIDACCOUNTTWO", "secret-two", "222222222222")}


def client(key="one", secret=None, region="us-east-1", token=None):
    akid, real_secret, _ = KEYS[key] if key in KEYS else (key, "x", None)
    return boto3.client("verifiedpermissions", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id=akid, aws_secret_access_key=secret or real_secret, aws_session_token=token,
                        config=Config(retries={"max_attempts": 1}))


def expect_error(fn, code, message_part=None):
    try:
        fn()
    except ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e.response['Error'].get('Message')}"
        if message_part:
            assert message_part in e.response["Error"]["Message"], e.response["Error"]["Message"]
        return e
    raise AssertionError(f"expected {code}, but the call succeeded")


def right_and_wrong_keys():
    stores = client("one").list_policy_stores()["policyStores"]
    assert isinstance(stores, list)
    expect_error(lambda: client("one", secret="not-the-secret").list_policy_stores(), "InvalidSignatureException",
                 "does not match the signature you provided")
    expect_error(lambda: client("AKIDUNKNOWN").list_policy_stores(), "UnrecognizedClientException",
                 "security token included in the request is invalid")
    expect_error(lambda: client("one", token="some-session-token").list_policy_stores(), "UnrecognizedClientException")
    # The development pair is off once keys are configured.
    expect_error(lambda: boto3.client("verifiedpermissions", endpoint_url=endpoint, region_name="us-east-1",
                                      aws_access_key_id="test", aws_secret_access_key="test").list_policy_stores(),
                 "UnrecognizedClientException")


def stale_timestamp():
    real = botocore.auth.get_current_datetime
    try:
        botocore.auth.get_current_datetime = lambda: real() - datetime.timedelta(minutes=20)
        expect_error(lambda: client("one").list_policy_stores(), "InvalidSignatureException", "Signature expired")
        botocore.auth.get_current_datetime = lambda: real() + datetime.timedelta(minutes=20)
        expect_error(lambda: client("one").list_policy_stores(), "InvalidSignatureException", "Signature not yet current")
        botocore.auth.get_current_datetime = lambda: real() - datetime.timedelta(minutes=10)
        client("one").list_policy_stores()
    finally:
        botocore.auth.get_current_datetime = real


def tampering():
    c = client("one")
    state = {}

    def tamper_body(request, **kwargs):
        if state.get("mode") == "body":
            request.body = request.body.replace(b'"OFF"', b'"FFO"')
        elif state.get("mode") == "header":
            request.headers["X-Amz-Target"] = "VerifiedPermissions.ListPolicyStores"

    # before-send runs after the signature is computed: any change now must be caught.
    c.meta.events.register_last("before-send.verifiedpermissions", tamper_body)
    state["mode"] = "body"
    expect_error(lambda: c.create_policy_store(validationSettings={"mode": "OFF"}), "InvalidSignatureException")
    state["mode"] = "header"
    expect_error(lambda: c.create_policy_store(validationSettings={"mode": "OFF"}), "InvalidSignatureException")
    state["mode"] = None
    c.create_policy_store(validationSettings={"mode": "OFF"})


def unsigned_refused():
    unsigned = boto3.client("verifiedpermissions", endpoint_url=endpoint, region_name="us-east-1",
                            config=Config(signature_version=botocore.UNSIGNED, retries={"max_attempts": 1}))
    expect_error(lambda: unsigned.list_policy_stores(), "MissingAuthenticationTokenException")


def isolation():
    """Two accounts x two regions work concurrently; nothing of one is ever visible to another, nothing is lost."""
    tenants = [(k, r) for k in ("one", "two") for r in ("us-east-1", "eu-west-1")]
    created = {t: [] for t in tenants}
    errors = []

    def work(tenant, seed):
        rng = random.Random(seed)
        c = client(tenant[0], region=tenant[1])
        try:
            for i in range(25):
                sid = c.create_policy_store(validationSettings={"mode": "OFF"}, description=f"{tenant[0]}-{tenant[1]}-{i}")["policyStoreId"]
                created[tenant].append(sid)
                if rng.random() < 0.3:
                    c.update_policy_store(policyStoreId=sid, validationSettings={"mode": "STRICT"}, description=f"{tenant[0]}-{tenant[1]}-{i}-u")
                if rng.random() < 0.2:
                    c.delete_policy_store(policyStoreId=created[tenant].pop(rng.randrange(len(created[tenant]))))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(f"{tenant}: {e!r}")

    threads = [threading.Thread(target=work, args=(t, n)) for n, t in enumerate(tenants)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors, errors
    for tenant in tenants:
        c = client(tenant[0], region=tenant[1])
        seen = [s for page in c.get_paginator("list_policy_stores").paginate() for s in page["policyStores"]]
        seen_ids = {s["policyStoreId"] for s in seen}
        assert seen_ids >= set(created[tenant]), f"{tenant} lost stores: {set(created[tenant]) - seen_ids}"
        for s in seen:
            d = c.get_policy_store(policyStoreId=s["policyStoreId"]).get("description", "")
            if s["policyStoreId"] in created[tenant]:
                assert d.startswith(f"{tenant[0]}-{tenant[1]}-"), (tenant, d)
            assert f":{KEYS[tenant[0]][2]}:" in s["arn"], (tenant, s["arn"])
        for other in tenants:
            if other == tenant:
                continue
            for sid in created[other][:5]:
                expect_error(lambda: c.get_policy_store(policyStoreId=sid), "ResourceNotFoundException")
                c.delete_policy_store(policyStoreId=sid)  # succeeds (deletes are idempotent) but must not touch the other tenant's store
                expect_error(lambda: c.get_policy_store(policyStoreId=sid), "ResourceNotFoundException")
        # The other tenants' stores survived those attempts.
    for tenant in tenants:
        c = client(tenant[0], region=tenant[1])
        for sid in created[tenant]:
            c.get_policy_store(policyStoreId=sid)


{"keys": right_and_wrong_keys, "stale": stale_timestamp, "tampering": tampering, "unsigned": unsigned_refused,
 "isolation": isolation}[scenario]()
print(f"{scenario}: ok")
