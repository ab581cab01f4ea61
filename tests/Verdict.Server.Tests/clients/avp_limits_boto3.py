"""Drives a running Verdict server with boto3: requests without a principal/action/resource, schema-based request
validation, batch limits, the policy-size-per-resource quota, schema namespace rules and update semantics.

usage: python3 avp_limits_boto3.py <endpoint-url> <scenario>
Exits 0 when every assertion of the scenario holds; prints what failed otherwise.
"""
import json

from avp_client import SCENARIO, client, expect_error

SCHEMA = {"App": {"entityTypes": {"User": {"shape": {"type": "Record", "attributes": {"level": {"type": "Long"}}}}, "Doc": {}},
                  "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"],
                                                     "context": {"type": "Record", "attributes": {"n": {"type": "Long"}}}}}}}}
USER = {"entityType": "App::User", "entityId": "ann"}
DOC = {"entityType": "App::Doc", "entityId": "d1"}
READ = {"actionType": "App::Action", "actionId": "read"}
N1 = {"contextMap": {"n": {"long": 1}}}


def new_store(vp, mode="OFF"):
    return vp.create_policy_store(validationSettings={"mode": mode})["policyStoreId"]


def create(vp, sid, statement, description=None):
    definition = {"statement": statement}
    if description is not None:
        definition["description"] = description
    return vp.create_policy(policyStoreId=sid, definition={"static": definition})["policyId"]


def field(error):
    return [(f["path"], f["message"]) for f in error["fieldList"]]


def unspecified():
    """Without a schema, an omitted principal, action or resource is an unspecified entity, as in Cedar 3: unscoped
    policies match it, scope constraints and `is` never do, and reading its attributes is an evaluation error."""
    vp = client()
    sid = new_store(vp)
    anyone_creates = create(vp, sid, 'permit(principal, action == Action::"create", resource);')
    create(vp, sid, 'forbid(principal is User, action, resource);')
    levelled = create(vp, sid, 'permit(principal, action == Action::"read", resource) when { principal.level > 1 };')
    root = create(vp, sid, 'permit(principal == User::"root", action, resource);')

    # Nothing but the action.
    answer = vp.is_authorized(policyStoreId=sid, action={"actionType": "Action", "actionId": "create"})
    assert answer["decision"] == "ALLOW" and answer["determiningPolicies"] == [{"policyId": anyone_creates}], answer
    # An attribute of the unspecified principal: the policy errors and is skipped.
    answer = vp.is_authorized(policyStoreId=sid, action={"actionType": "Action", "actionId": "read"},
                              resource={"entityType": "Doc", "entityId": "d"})
    assert answer["decision"] == "DENY" and answer["determiningPolicies"] == [], answer
    assert len(answer["errors"]) == 1 and levelled in answer["errors"][0]["errorDescription"], answer["errors"]
    # Only a principal: the unspecified action and resource match the unscoped parts of root's policy.
    answer = vp.is_authorized(policyStoreId=sid, principal={"entityType": "User", "entityId": "root"})
    assert answer["decision"] == "DENY", answer  # forbid(principal is User, ...) matches a User principal
    answer = vp.is_authorized(policyStoreId=sid, principal={"entityType": "Admin", "entityId": "root"})
    assert answer["decision"] == "DENY" and answer["determiningPolicies"] == [], answer
    # No member at all.
    answer = vp.is_authorized(policyStoreId=sid)
    assert answer["decision"] == "DENY" and answer["determiningPolicies"] == [] and answer["errors"] == [], answer
    vp.delete_policy(policyStoreId=sid, policyId=root)

    # Batch: requests without a principal share it.
    batch = vp.batch_is_authorized(policyStoreId=sid, requests=[
        {"action": {"actionType": "Action", "actionId": "create"}, "resource": {"entityType": "Doc", "entityId": f"d{i}"}} for i in range(3)])
    assert [r["decision"] for r in batch["results"]] == ["ALLOW"] * 3, batch
    assert "principal" not in batch["results"][0]["request"]


def schema_validation():
    """With a schema, every request is validated as Cedar validates requests; the messages are Cedar's."""
    vp = client()
    sid = new_store(vp)
    vp.put_schema(policyStoreId=sid, definition={"cedarJson": json.dumps(SCHEMA)})
    create(vp, sid, 'permit(principal, action, resource) when { context.n == 1 };')
    ok = vp.is_authorized(policyStoreId=sid, principal=USER, action=READ, resource=DOC, context=N1)
    assert ok["decision"] == "ALLOW", ok

    cases = [
        (dict(action=READ, resource=DOC, context=N1), "principal", "The request has no principal"),
        (dict(principal=USER, resource=DOC, context=N1), "action", "The request has no action"),
        (dict(principal=USER, action=READ, context=N1), "resource", "The request has no resource"),
        (dict(principal={"entityType": "App::Ghost", "entityId": "g"}, action=READ, resource=DOC, context=N1),
         "principal", "principal type `App::Ghost` is not declared in the schema"),
        (dict(principal=USER, action=READ, resource={"entityType": "Doc", "entityId": "d"}, context=N1),
         "resource", "resource type `Doc` is not declared in the schema"),
        (dict(principal=DOC, action=READ, resource=DOC, context=N1),
         "principal", 'principal type `App::Doc` is not valid for `App::Action::"read"`; valid principal types for `App::Action::"read"`: `App::User`'),
        (dict(principal=USER, action=READ, resource=USER, context=N1),
         "resource", 'resource type `App::User` is not valid for `App::Action::"read"`'),
        (dict(principal=USER, action={"actionType": "App::Action", "actionId": "write"}, resource=DOC, context=N1),
         "action", 'action `App::Action::"write"` does not exist in the supplied schema'),
        (dict(principal=USER, action=READ, resource=DOC), "context", "attribute `n`"),
        (dict(principal=USER, action=READ, resource=DOC, context={"contextMap": {"n": {"string": "one"}}}), "context", "n"),
        (dict(principal=USER, action=READ, resource=DOC, context={"contextMap": {"n": {"long": 1}, "m": {"long": 2}}}),
         "context", "attribute `m` should not exist according to the schema"),
    ]
    for request, path, wording in cases:
        error = expect_error("ValidationException", vp.is_authorized, policyStoreId=sid, **request)
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
        (got_path, message), *_ = field(error)
        assert got_path == path and wording in message and wording in error["Error"]["Message"], (request, field(error))

    # Batch: the failing request is named by its index.
    error = expect_error("ValidationException", vp.batch_is_authorized, policyStoreId=sid, requests=[
        dict(principal=USER, action=READ, resource=DOC, context=N1),
        dict(principal=USER, action=READ, resource=USER, context=N1)])
    assert field(error)[0][0] == "requests[1].resource", field(error)

    # Entities are read against the schema too (an undeclared attribute type), and the action comes from the schema.
    expect_error("ValidationException", vp.is_authorized, policyStoreId=sid, principal=USER, action=READ, resource=DOC, context=N1,
                 entities={"entityList": [{"identifier": USER, "attributes": {"level": {"string": "high"}}}]})
    # Enumerated entity types: only the declared ids are valid.
    enum_store = new_store(vp)
    vp.put_schema(policyStoreId=enum_store, definition={"cedarJson": json.dumps(
        {"App": {"entityTypes": {"User": {}, "Doc": {"enum": ["a", "b"]}},
                 "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}}}}})})
    assert vp.is_authorized(policyStoreId=enum_store, principal=USER, action=READ,
                            resource={"entityType": "App::Doc", "entityId": "a"})["decision"] == "DENY"
    error = expect_error("ValidationException", vp.is_authorized, policyStoreId=enum_store, principal=USER, action=READ,
                         resource={"entityType": "App::Doc", "entityId": "c"})
    assert field(error) == [("resource", 'entity `App::Doc::"c"` is of an enumerated entity type, but `"c"` is not declared as a valid eid')], field(error)

    # Removing the schema lifts the checks.
    vp.put_schema(policyStoreId=sid, definition={"cedarJson": "{}"})
    answer = vp.is_authorized(policyStoreId=sid, principal={"entityType": "App::Ghost", "entityId": "g"}, action=READ, resource=DOC, context=N1)
    assert answer["decision"] == "ALLOW", answer


def batch_limits():
    vp = client()
    sid = new_store(vp)
    create(vp, sid, 'permit(principal, action, resource);')
    read = {"actionType": "Action", "actionId": "read"}

    def users(n):
        return [{"identifier": {"entityType": "User", "entityId": f"u{i}"}} for i in range(n)]

    def docs(n):
        return [{"identifier": {"entityType": "Doc", "entityId": f"d{i}"}} for i in range(n)]

    shared_principal = [dict(principal={"entityType": "User", "entityId": "u0"}, action=read,
                             resource={"entityType": "Doc", "entityId": f"d{i}"}) for i in range(30)]
    # 100 principals and 100 resources (plus groups, which are not limited) are accepted.
    groups = [{"identifier": {"entityType": "Group", "entityId": f"g{i}"}} for i in range(150)]
    answer = vp.batch_is_authorized(policyStoreId=sid, requests=shared_principal, entities={"entityList": users(100) + docs(100) + groups})
    assert len(answer["results"]) == 30 and all(r["decision"] == "ALLOW" for r in answer["results"])
    for entities, kind in [(users(101), "101 principals"), (docs(101), "101 resources")]:
        error = expect_error("ValidationException", vp.batch_is_authorized, policyStoreId=sid, requests=shared_principal,
                             entities={"entityList": entities})
        assert field(error)[0][0] == "entities" and kind in error["Error"]["Message"], error["Error"]
    cedar = [{"uid": {"type": "Doc", "id": f"d{i}"}, "attrs": {}, "parents": []} for i in range(101)]
    expect_error("ValidationException", vp.batch_is_authorized, policyStoreId=sid, requests=shared_principal,
                 entities={"cedarJson": json.dumps(cedar)})

    # 30 requests at most; a 31st is refused.
    error = expect_error("ValidationException", vp.batch_is_authorized, policyStoreId=sid,
                         requests=shared_principal + [shared_principal[0]])
    assert field(error)[0][0] == "requests", field(error)
    # Neither the principal nor the resource shared.
    error = expect_error("ValidationException", vp.batch_is_authorized, policyStoreId=sid, requests=[
        dict(principal={"entityType": "User", "entityId": "a"}, action=read, resource={"entityType": "Doc", "entityId": "x"}),
        dict(principal={"entityType": "User", "entityId": "b"}, action=read, resource={"entityType": "Doc", "entityId": "y"})])
    assert field(error)[0][0] == "requests", field(error)


def padded(head, size):
    """A policy of exactly `size` UTF-8 bytes: `head` with a condition comparing a padding string."""
    prefix = head + ' when { "'
    suffix = '" != "" };'
    return prefix + "x" * (size - len(prefix) - len(suffix)) + suffix


def expect_quota(call, resource_type="POLICY", **kwargs):
    error = expect_error("ServiceQuotaExceededException", call, **kwargs)
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 402, error["ResponseMetadata"]
    assert error["resourceType"] == resource_type and error["serviceCode"] == "verifiedpermissions", error
    assert error["quotaCode"] == "PolicySizePerResource", error
    return error


def resource_size():
    """200,000 bytes of policies per resource; unscoped policies share the 'unspecified' bucket; a template counts once."""
    vp = client()
    sid = new_store(vp)
    big = 'permit(principal, action, resource == Doc::"big")'
    for _ in range(20):
        create(vp, sid, padded(big, 9_990))                                # 199,800 bytes
    expect_quota(vp.create_policy, policyStoreId=sid, definition={"static": {"statement": padded(big, 201)}})
    small = create(vp, sid, padded(big, 200))                              # 200,000 bytes exactly: accepted
    # Growing a policy of the full bucket is refused too; other buckets are separate.
    expect_quota(vp.update_policy, policyStoreId=sid, policyId=small, definition={"static": {"statement": padded(big, 201)}})
    vp.update_policy(policyStoreId=sid, policyId=small, definition={"static": {"statement": padded(big, 150)}})
    create(vp, sid, padded('permit(principal, action, resource in Doc::"other")', 9_990))

    # Policies that name no resource share one bucket, whatever their principal.
    for i in range(20):
        create(vp, sid, padded(f'permit(principal == User::"u{i}", action, resource)', 9_990))
    expect_quota(vp.create_policy, policyStoreId=sid, definition={"static": {"statement": padded('forbid(principal, action, resource)', 300)}})

    # A template counts once per bucket, each link adds only its parameters.
    tid = vp.create_policy_template(policyStoreId=sid, statement=padded('permit(principal == ?principal, action, resource == Doc::"t")', 9_000))["policyTemplateId"]
    for _ in range(19):
        create(vp, sid, padded('permit(principal, action, resource == Doc::"t")', 9_990))  # 189,810 bytes
    for i in range(100):                                                    # 9,000 + 100 links x 8 bytes
        vp.create_policy(policyStoreId=sid, definition={"templateLinked": {"policyTemplateId": tid, "principal": {"entityType": "User", "entityId": f"{i:04d}"}}})
    expect_quota(vp.create_policy, policyStoreId=sid, definition={"static": {"statement": padded('permit(principal, action, resource == Doc::"t")', 1_000)}})
    # A template that grows grows every bucket its links are in.
    head = 'permit(principal == ?principal, action, resource == Doc::"t")'
    error = expect_quota(vp.update_policy_template, "POLICY_TEMPLATE", policyStoreId=sid, policyTemplateId=tid, statement=padded(head, 9_400))
    assert error["resourceId"] == tid, error
    vp.update_policy_template(policyStoreId=sid, policyTemplateId=tid, statement=padded(head, 9_300))   # 199,910 bytes


def namespaces():
    vp = client()
    sid = new_store(vp)

    def put(schema):
        return vp.put_schema(policyStoreId=sid, definition={"cedarJson": json.dumps(schema)})

    for name in ["", "aws", "AWS", "amazon", "cedar", "App::Cedar", "aws::App"]:
        error = expect_error("ValidationException", put, {name: {"entityTypes": {}, "actions": {}}})
        assert field(error)[0][0] == "definition.cedarJson", field(error)
    assert put({"Awsome": {"entityTypes": {}, "actions": {}}})["namespaces"] == ["Awsome"]
    many = {f"N{i}": {"entityTypes": {}, "actions": {}} for i in range(100)}
    assert len(put(many)["namespaces"]) == 100
    many["N100"] = {"entityTypes": {}, "actions": {}}
    error = expect_error("ServiceQuotaExceededException", put, many)
    assert error["resourceType"] == "SCHEMA" and error["quotaCode"] == "NamespacesPerSchema" and error["resourceId"] == sid, error
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 402


def update_semantics():
    """Omitting a description on update keeps it, for policies as for templates; a given one replaces it."""
    vp = client()
    sid = new_store(vp)
    pid = create(vp, sid, 'permit(principal == User::"a", action, resource);', "first")
    vp.update_policy(policyStoreId=sid, policyId=pid, definition={"static": {"statement": 'permit(principal == User::"a", action == Action::"r", resource);'}})
    got = vp.get_policy(policyStoreId=sid, policyId=pid)["definition"]["static"]
    assert got["description"] == "first" and 'Action::"r"' in got["statement"], got
    vp.update_policy(policyStoreId=sid, policyId=pid, definition={"static": {"statement": got["statement"], "description": "second"}})
    assert vp.get_policy(policyStoreId=sid, policyId=pid)["definition"]["static"]["description"] == "second"

    tid = vp.create_policy_template(policyStoreId=sid, description="t1", statement="permit(principal == ?principal, action, resource);")["policyTemplateId"]
    vp.update_policy_template(policyStoreId=sid, policyTemplateId=tid, statement='permit(principal == ?principal, action == Action::"r", resource);')
    assert vp.get_policy_template(policyStoreId=sid, policyTemplateId=tid)["description"] == "t1"

    # maxResults above the documented maximum of 50 is refused.
    error = expect_error("ValidationException", vp.list_policies, policyStoreId=sid, maxResults=51)
    assert field(error)[0][0] == "maxResults", field(error)


SCENARIOS = {f.__name__: f for f in [unspecified, schema_validation, batch_limits, resource_size, namespaces, update_semantics]}

if __name__ == "__main__":
    SCENARIOS[SCENARIO]()
    print(f"{SCENARIO}: ok")
