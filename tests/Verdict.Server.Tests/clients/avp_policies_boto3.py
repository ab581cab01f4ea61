"""Drives a running Verdict server with boto3: policies, templates, schemas and authorization, one scenario per run.

usage: python3 avp_policies_boto3.py <endpoint-url> <scenario>
Exits 0 when every assertion of the scenario holds; prints what failed otherwise.
"""
import json
import uuid

import boto3

from avp_client import ENDPOINT, SCENARIO, client, expect_error  # noqa: F401 (SCENARIO and ENDPOINT are used by some scenarios)


def new_store(vp, mode="OFF"):
    return vp.create_policy_store(validationSettings={"mode": mode})["policyStoreId"]


def static(statement, description=None):
    definition = {"statement": statement}
    if description is not None:
        definition["description"] = description
    return {"static": definition}


def policies():
    vp = client()
    sid = new_store(vp)
    ids = [vp.create_policy(policyStoreId=sid, definition=static(f'permit(principal == User::"u{i}", action, resource);'))["policyId"]
           for i in range(7)]
    pages = list(vp.get_paginator("list_policies").paginate(policyStoreId=sid, PaginationConfig={"PageSize": 3}))
    assert [len(p["policies"]) for p in pages] == [3, 3, 1], [len(p["policies"]) for p in pages]
    assert [p["policyId"] for page in pages for p in page["policies"]] == ids, "stable creation order across pages"
    listed = vp.list_policies(policyStoreId=sid, filter={"principal": {"identifier": {"entityType": "User", "entityId": "u4"}}})["policies"]
    assert [p["policyId"] for p in listed] == [ids[4]], listed
    assert listed[0]["principal"] == {"entityType": "User", "entityId": "u4"}
    assert "resource" not in listed[0]

    got = vp.get_policy(policyStoreId=sid, policyId=ids[0])
    assert got["definition"] == {"static": {"statement": 'permit(principal == User::"u0", action, resource);'}}, got["definition"]
    assert got["effect"] == "Permit" and got["policyType"] == "STATIC"

    # Names: set, used in place of the id, renamed, removed.
    vp.update_policy(policyStoreId=sid, policyId=ids[1], name="name/second")
    assert vp.get_policy(policyStoreId=sid, policyId="name/second")["policyId"] == ids[1]
    expect_error("ConflictException", vp.update_policy, policyStoreId=sid, policyId=ids[2], name="name/second")
    vp.update_policy(policyStoreId=sid, policyId="name/second", name="")
    expect_error("ResourceNotFoundException", vp.get_policy, policyStoreId=sid, policyId="name/second")

    batch = vp.batch_get_policy(requests=[{"policyStoreId": sid, "policyId": i} for i in ids[:3]])
    assert [r["policyId"] for r in batch["results"]] == ids[:3] and batch["errors"] == []

    # Aliases work wherever a policy store id is accepted.
    alias = "policy-store-alias/b3-" + uuid.uuid4().hex[:8]
    vp.create_policy_store_alias(aliasName=alias, policyStoreId=sid)
    assert vp.get_policy(policyStoreId=alias, policyId=ids[3])["policyStoreId"] == sid


def templates():
    vp = client()
    sid = new_store(vp)
    tid = vp.create_policy_template(policyStoreId=sid, description="viewer", name="name/viewer",
                                    statement='permit(principal in ?principal, action == Action::"view", resource in ?resource);')["policyTemplateId"]
    pids = [vp.create_policy(policyStoreId=sid, definition={"templateLinked": {
        "policyTemplateId": tid,
        "principal": {"entityType": "Group", "entityId": f"g{i}"},
        "resource": {"entityType": "Folder", "entityId": f"f{i}"}}})["policyId"] for i in range(3)]
    page = vp.list_policies(policyStoreId=sid, filter={"policyTemplateId": tid})["policies"]
    assert [p["policyId"] for p in page] == pids
    assert page[0]["definition"] == {"templateLinked": {
        "policyTemplateId": tid, "principal": {"entityType": "Group", "entityId": "g0"}, "resource": {"entityType": "Folder", "entityId": "f0"}}}
    assert page[0]["actions"] == [{"actionType": "Action", "actionId": "view"}]

    templates_listed = vp.list_policy_templates(policyStoreId=sid)["policyTemplates"]
    assert [(t["policyTemplateId"], t["name"], t["description"]) for t in templates_listed] == [(tid, "name/viewer", "viewer")], templates_listed

    err = expect_error("ValidationException", vp.update_policy_template, policyStoreId=sid, policyTemplateId=tid,
                       statement='permit(principal == ?principal, action == Action::"view", resource in ?resource);')
    assert "principal" in err["Error"]["Message"]
    vp.update_policy_template(policyStoreId=sid, policyTemplateId="name/viewer",
                              statement='permit(principal in ?principal, action in [Action::"view", Action::"edit"], resource in ?resource);')
    assert len(vp.get_policy(policyStoreId=sid, policyId=pids[0])["actions"]) == 2

    vp.delete_policy_template(policyStoreId=sid, policyTemplateId=tid)
    assert vp.list_policies(policyStoreId=sid)["policies"] == []


def authorization():
    vp = client()
    sid = new_store(vp)
    permit = vp.create_policy(policyStoreId=sid, definition=static(
        'permit(principal in Team::"core", action == Action::"deploy", resource) when { context.approved && resource.env == "prod" };'))["policyId"]
    forbid = vp.create_policy(policyStoreId=sid, definition=static(
        'forbid(principal, action, resource) when { principal has suspended && principal.suspended };'))["policyId"]
    entities = {"entityList": [
        {"identifier": {"entityType": "User", "entityId": "ann"}, "parents": [{"entityType": "Team", "entityId": "core"}]},
        {"identifier": {"entityType": "User", "entityId": "sam"}, "attributes": {"suspended": {"boolean": True}},
         "parents": [{"entityType": "Team", "entityId": "core"}]},
        {"identifier": {"entityType": "Service", "entityId": "api"}, "attributes": {"env": {"string": "prod"}}},
    ]}
    base = {"action": {"actionType": "Action", "actionId": "deploy"}, "resource": {"entityType": "Service", "entityId": "api"}}
    ok = vp.is_authorized(policyStoreId=sid, principal={"entityType": "User", "entityId": "ann"}, entities=entities,
                          context={"contextMap": {"approved": {"boolean": True}}}, **base)
    assert ok["decision"] == "ALLOW" and ok["determiningPolicies"] == [{"policyId": permit}] and ok["errors"] == [], ok
    no = vp.is_authorized(policyStoreId=sid, principal={"entityType": "User", "entityId": "sam"}, entities=entities,
                          context={"contextMap": {"approved": {"boolean": True}}}, **base)
    assert no["decision"] == "DENY" and no["determiningPolicies"] == [{"policyId": forbid}], no

    batch = vp.batch_is_authorized(policyStoreId=sid, entities=entities, requests=[
        dict(principal={"entityType": "User", "entityId": who}, context={"cedarJson": json.dumps({"approved": approved})}, **base)
        for who, approved in [("ann", True), ("ann", False), ("sam", True)]])
    assert [r["decision"] for r in batch["results"]] == ["ALLOW", "DENY", "DENY"], batch["results"]
    assert batch["results"][2]["request"]["principal"]["entityId"] == "sam"

    # A schema is stored and returned as given; {} removes it.
    schema = {"App": {"entityTypes": {"User": {}}, "actions": {"deploy": {}}}}
    put = vp.put_schema(policyStoreId=sid, definition={"cedarJson": json.dumps(schema)})
    assert put["namespaces"] == ["App"]
    assert json.loads(vp.get_schema(policyStoreId=sid)["schema"]) == schema
    vp.put_schema(policyStoreId=sid, definition={"cedarJson": "{}"})
    expect_error("ResourceNotFoundException", vp.get_schema, policyStoreId=sid)
    expect_error("ValidationException", vp.put_schema, policyStoreId=sid, definition={"cedarJson": "[]"})


def client_token():
    vp = client()
    sid = new_store(vp)
    token = str(uuid.uuid4())
    first = vp.create_policy_template(policyStoreId=sid, clientToken=token, statement="permit(principal == ?principal, action, resource);")
    again = vp.create_policy_template(policyStoreId=sid, clientToken=token, statement="permit(principal == ?principal, action, resource);")
    assert first["policyTemplateId"] == again["policyTemplateId"]
    assert len(vp.list_policy_templates(policyStoreId=sid)["policyTemplates"]) == 1
    expect_error("ConflictException", vp.create_policy_template, policyStoreId=sid, clientToken=token,
                 statement="forbid(principal == ?principal, action, resource);")


def local_agent_reads():
    """The five reads avp-local-agent makes to mirror a store: ListPolicies, ListPolicyTemplates, GetPolicyTemplate,
    GetPolicy, GetSchema; with pagination and template-linked definitions, checked against the model's shapes."""
    vp = client()
    sid = new_store(vp)
    schema = {"App": {"entityTypes": {"User": {}, "Doc": {}},
                      "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}}}}}
    vp.put_schema(policyStoreId=sid, definition={"cedarJson": json.dumps(schema)})
    tids = [vp.create_policy_template(policyStoreId=sid, description=f"t{i}",
                                      statement=f'permit(principal == ?principal, action == App::Action::"read", resource == App::Doc::"d{i}");')["policyTemplateId"]
            for i in range(12)]
    statics = [vp.create_policy(policyStoreId=sid, definition=static(f'forbid(principal == App::User::"s{i}", action, resource);', f"s{i}"))["policyId"]
               for i in range(6)]
    links = [vp.create_policy(policyStoreId=sid, definition={"templateLinked": {
        "policyTemplateId": tids[i % 12], "principal": {"entityType": "App::User", "entityId": f"u{i}"}}})["policyId"] for i in range(15)]

    listed = [p for page in vp.get_paginator("list_policies").paginate(policyStoreId=sid) for p in page["policies"]]
    assert [p["policyId"] for p in listed] == statics + links
    for item in listed:
        for member in ("policyStoreId", "policyId", "policyType", "definition", "createdDate", "lastUpdatedDate"):
            assert member in item, (member, item)
        assert item["policyStoreId"] == sid
        (kind, definition), = item["definition"].items()
        assert kind == {"STATIC": "static", "TEMPLATE_LINKED": "templateLinked"}[item["policyType"]]
        full = vp.get_policy(policyStoreId=sid, policyId=item["policyId"])
        assert full["createdDate"] == item["createdDate"] and full["lastUpdatedDate"] == item["lastUpdatedDate"]
        if kind == "static":
            assert set(definition) == {"description"} and "statement" in full["definition"]["static"]
            assert full["definition"]["static"]["description"] == definition["description"]
            assert full["effect"] == "Forbid"
        else:
            assert full["definition"]["templateLinked"] == definition, (full["definition"], definition)
            assert definition["policyTemplateId"] in tids and "resource" not in definition
            assert full["resource"]["entityType"] == "App::Doc", full

    templates = [t for page in vp.get_paginator("list_policy_templates").paginate(policyStoreId=sid, PaginationConfig={"PageSize": 5})
                 for t in page["policyTemplates"]]
    assert [t["policyTemplateId"] for t in templates] == tids
    for item in templates:
        full = vp.get_policy_template(policyStoreId=sid, policyTemplateId=item["policyTemplateId"])
        assert full["description"] == item["description"] and full["statement"].startswith("permit(principal == ?principal")
        assert full["createdDate"] == item["createdDate"] and full["lastUpdatedDate"] == item["lastUpdatedDate"]

    got = vp.get_schema(policyStoreId=sid)
    assert json.loads(got["schema"]) == schema and got["namespaces"] == ["App"] and got["policyStoreId"] == sid


SCENARIOS = {f.__name__: f for f in [policies, templates, authorization, client_token, local_agent_reads]}

if __name__ == "__main__":
    SCENARIOS[SCENARIO]()
    print(f"{SCENARIO}: ok")
