"""Drives a running Verdict server with boto3, one scenario per invocation.

usage: python3 avp_boto3.py <endpoint-url> <scenario>
Exits 0 when every assertion of the scenario holds; prints what failed otherwise.
"""
import uuid

import boto3

from avp_client import ENDPOINT, SCENARIO, client, expect_error  # noqa: F401 (SCENARIO and ENDPOINT are used by some scenarios)


def policy_stores():
    vp = client()
    created = vp.create_policy_store(validationSettings={"mode": "OFF"}, description="boto3 store")
    sid = created["policyStoreId"]
    assert created["arn"] == f"arn:aws:verifiedpermissions::000000000000:policy-store/{sid}", created["arn"]
    assert created["createdDate"] == created["lastUpdatedDate"]

    got = vp.get_policy_store(policyStoreId=sid)
    assert got["validationSettings"] == {"mode": "OFF"}
    assert got["description"] == "boto3 store"
    assert got["deletionProtection"] == "DISABLED"
    assert got["cedarVersion"] == "CEDAR_4"
    assert got["encryptionState"] == {"default": {}}, got["encryptionState"]
    assert "tags" not in got
    assert got["createdDate"] == created["createdDate"]

    updated = vp.update_policy_store(policyStoreId=sid, validationSettings={"mode": "STRICT"}, deletionProtection="ENABLED")
    assert updated["lastUpdatedDate"] >= created["lastUpdatedDate"]
    got = vp.get_policy_store(policyStoreId=sid)
    assert got["validationSettings"] == {"mode": "STRICT"}
    assert got["deletionProtection"] == "ENABLED"
    assert got["description"] == "boto3 store", "omitting description keeps it"

    err = expect_error("InvalidStateException", vp.delete_policy_store, policyStoreId=sid)
    assert "deletion protection" in err["Error"]["Message"]
    vp.update_policy_store(policyStoreId=sid, validationSettings={"mode": "STRICT"})
    assert vp.get_policy_store(policyStoreId=sid)["deletionProtection"] == "ENABLED", "omitting deletionProtection keeps it"
    vp.update_policy_store(policyStoreId=sid, validationSettings={"mode": "OFF"}, deletionProtection="DISABLED")
    vp.delete_policy_store(policyStoreId=sid)
    vp.delete_policy_store(policyStoreId=sid)  # idempotent: no ResourceNotFound
    err = expect_error("ResourceNotFoundException", vp.get_policy_store, policyStoreId=sid)
    assert err["resourceId"] == sid and err["resourceType"] == "POLICY_STORE", err


def kms_encryption():
    vp = client()
    created = vp.create_policy_store(
        validationSettings={"mode": "OFF"},
        encryptionSettings={"kmsEncryptionSettings": {"key": "1234abcd-12ab-34cd-56ef-1234567890ab", "encryptionContext": {"app": "x"}}},
    )
    state = vp.get_policy_store(policyStoreId=created["policyStoreId"])["encryptionState"]
    assert state == {"kmsEncryptionState": {
        "key": "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "encryptionContext": {"app": "x"}}}, state


def pagination():
    vp = client("eu-west-3")  # its own region, so other scenarios' stores don't interfere
    ids = [vp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"] for _ in range(23)]
    first = vp.list_policy_stores()
    assert len(first["policyStores"]) == 10, "default page size is 10"
    assert "nextToken" in first
    seen = []
    for page in vp.get_paginator("list_policy_stores").paginate(PaginationConfig={"PageSize": 7}):
        assert len(page["policyStores"]) <= 7
        seen.extend(s["policyStoreId"] for s in page["policyStores"])
    assert seen == ids, "stores come back in creation order, each once"
    expect_error("ValidationException", vp.list_policy_stores, maxResults=51)
    expect_error("ValidationException", vp.list_policy_stores, nextToken="bm90LWEtdG9rZW4=")
    # Tenancy: another region sees none of them.
    other = client("ap-south-2").list_policy_stores()["policyStores"]
    assert not set(s["policyStoreId"] for s in other) & set(ids)


def client_token():
    vp = client()
    token = str(uuid.uuid4())
    a = vp.create_policy_store(clientToken=token, validationSettings={"mode": "OFF"}, description="same")
    b = vp.create_policy_store(clientToken=token, validationSettings={"mode": "OFF"}, description="same")
    assert a["policyStoreId"] == b["policyStoreId"] and a["createdDate"] == b["createdDate"], (a, b)
    err = expect_error("ConflictException", vp.create_policy_store, clientToken=token,
                       validationSettings={"mode": "STRICT"}, description="same")
    assert err["resources"] == [{"resourceId": a["policyStoreId"], "resourceType": "POLICY_STORE"}], err
    # Without a token boto3 fills a fresh one, so two calls make two stores.
    c = vp.create_policy_store(validationSettings={"mode": "OFF"})
    d = vp.create_policy_store(validationSettings={"mode": "OFF"})
    assert c["policyStoreId"] != d["policyStoreId"]


def tags():
    vp = client()
    created = vp.create_policy_store(validationSettings={"mode": "OFF"}, tags={"team": "a", "env": "dev"})
    arn = created["arn"]
    assert vp.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "a", "env": "dev"}
    assert vp.get_policy_store(policyStoreId=created["policyStoreId"], tags=True)["tags"] == {"team": "a", "env": "dev"}
    vp.tag_resource(resourceArn=arn, tags={"team": "b", "cost": "42"})
    assert vp.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "b", "env": "dev", "cost": "42"}
    vp.untag_resource(resourceArn=arn, tagKeys=["env", "missing"])
    assert vp.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "b", "cost": "42"}
    err = expect_error("TooManyTagsException", vp.tag_resource, resourceArn=arn, tags={f"k{i}": "v" for i in range(49)})
    assert err["resourceName"] == arn, err
    vp.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(48)})  # exactly 50
    assert len(vp.list_tags_for_resource(resourceArn=arn)["tags"]) == 50
    missing = "arn:aws:verifiedpermissions::000000000000:policy-store/NoSuchStore"
    err = expect_error("ResourceNotFoundException", vp.list_tags_for_resource, resourceArn=missing)
    assert err["resourceType"] == "POLICY_STORE", err
    expect_error("ResourceNotFoundException", vp.tag_resource, resourceArn=missing, tags={"a": "b"})
    expect_error("ResourceNotFoundException", vp.untag_resource, resourceArn=missing, tagKeys=["a"])
    untagged = vp.create_policy_store(validationSettings={"mode": "OFF"})
    assert "tags" not in vp.get_policy_store(policyStoreId=untagged["policyStoreId"], tags=True)
    assert vp.list_tags_for_resource(resourceArn=untagged["arn"])["tags"] == {}


def aliases():
    vp = client("us-west-2")
    sid = vp.create_policy_store(validationSettings={"mode": "OFF"}, description="aliased")["policyStoreId"]
    other = vp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
    name = "policy-store-alias/boto3-" + uuid.uuid4().hex[:8]
    created = vp.create_policy_store_alias(aliasName=name, policyStoreId=sid)
    assert created["aliasArn"] == f"arn:aws:verifiedpermissions:us-west-2:000000000000:{name}", created
    again = vp.create_policy_store_alias(aliasName=name, policyStoreId=sid)
    assert again["createdAt"] == created["createdAt"], "same name, same store: the existing alias"
    err = expect_error("ConflictException", vp.create_policy_store_alias, aliasName=name, policyStoreId=other)
    assert err["resources"][0]["resourceType"] == "POLICY_STORE_ALIAS", err

    got = vp.get_policy_store_alias(aliasName=name)
    assert got["state"] == "Active" and got["policyStoreId"] == sid
    # The alias works wherever the model accepts a policy store id.
    assert vp.get_policy_store(policyStoreId=name)["description"] == "aliased"
    vp.update_policy_store(policyStoreId=name, validationSettings={"mode": "STRICT"})
    assert vp.get_policy_store(policyStoreId=sid)["validationSettings"]["mode"] == "STRICT"
    expect_error("ValidationException", vp.delete_policy_store, policyStoreId=name)

    for i in range(9):
        vp.create_policy_store_alias(aliasName=f"{name}-{i}", policyStoreId=sid)
    err = expect_error("ServiceQuotaExceededException", vp.create_policy_store_alias, aliasName=f"{name}-10", policyStoreId=sid)
    assert err["resourceType"] == "POLICY_STORE_ALIAS", err

    listed = vp.list_policy_store_aliases(filter={"policyStoreId": sid})
    assert len(listed["policyStoreAliases"]) == 5, "default page size is 5"
    names = [a["aliasName"] for p in vp.get_paginator("list_policy_store_aliases").paginate(filter={"policyStoreId": sid}) for a in p["policyStoreAliases"]]
    assert names == [name] + [f"{name}-{i}" for i in range(9)], names

    vp.delete_policy_store_alias(aliasName=name)
    vp.delete_policy_store_alias(aliasName=name)  # idempotent
    assert vp.get_policy_store_alias(aliasName=name)["state"] == "PendingDeletion"
    err = expect_error("ResourceNotFoundException", vp.get_policy_store, policyStoreId=name)
    assert err["resourceType"] == "POLICY_STORE_ALIAS", err
    expect_error("ConflictException", vp.create_policy_store_alias, aliasName=name, policyStoreId=sid)
    err = expect_error("ResourceNotFoundException", vp.get_policy_store_alias, aliasName=name + "-nope")
    assert err["resourceType"] == "POLICY_STORE_ALIAS"
    err = expect_error("ResourceNotFoundException", vp.create_policy_store_alias, aliasName=name + "-x", policyStoreId="NoSuchStore")
    assert err["resourceType"] == "POLICY_STORE"
    expect_error("ValidationException", vp.create_policy_store_alias, aliasName="no-prefix", policyStoreId=sid)

    # Deleting the store puts its aliases in PendingDeletion.
    vp.delete_policy_store(policyStoreId=sid)
    assert vp.get_policy_store_alias(aliasName=f"{name}-0")["state"] == "PendingDeletion"


def validation():
    vp = client()
    err = expect_error("ValidationException", vp.get_policy_store, policyStoreId="has space")
    fields = err["fieldList"]
    assert fields == [{"path": "policyStoreId", "message": fields[0]["message"]}], fields
    assert "regular expression pattern" in fields[0]["message"]
    err = expect_error("ValidationException", vp.create_policy_store, validationSettings={"mode": "OFF"}, description="x" * 151)
    assert err["fieldList"][0]["path"] == "description"
    # botocore checks unions and minimum lengths itself; maxima and patterns are the server's job.
    err = expect_error("ValidationException", vp.get_policy_store_alias, aliasName="policy-store-alias/" + "a" * 140)
    assert err["fieldList"][0]["path"] == "aliasName", err
    err = expect_error("ValidationException", vp.list_policy_stores, nextToken="not a token!")
    assert err["fieldList"][0]["path"] == "nextToken", err
    err = expect_error("ValidationException", vp.tag_resource, resourceArn="arn:aws:verifiedpermissions::000000000000:policy-store/x",
                       tags={"k" * 129: "v"})
    assert err["fieldList"][0]["path"].startswith("tags."), err


SCENARIOS = {f.__name__: f for f in [policy_stores, kms_encryption, pagination, client_token, tags, aliases, validation]}

if __name__ == "__main__":
    SCENARIOS[SCENARIO]()
    print(f"{SCENARIO}: ok")
