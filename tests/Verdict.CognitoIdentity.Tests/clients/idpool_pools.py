"""Identity pool CRUD, UpdateIdentityPool as a full replacement, tags, roles and role mappings, principal-tag maps,
paging, and every refusal with AWS's error type and wording."""
import sys

from idpool_common import Checks, client, done

endpoint = sys.argv[1]
c = Checks()
ci = client(endpoint, region="us-west-2")
east = client(endpoint, region="us-east-1")
NAME_PATTERN = r"[\w\s+=,.@-]+"

full = ci.create_identity_pool(
    IdentityPoolName="Full pool", AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
    SupportedLoginProviders={"graph.facebook.com": "7346241598935552", "accounts.google.com": "123.apps.googleusercontent.com"},
    DeveloperProviderName="login.example.app",
    OpenIdConnectProviderARNs=["arn:aws:iam::000000000000:oidc-provider/auth.example.com"],
    CognitoIdentityProviders=[{"ProviderName": "cognito-idp.us-west-2.amazonaws.com/us-west-2_AbCdEfGhI", "ClientId": "abc123"}],
    SamlProviderARNs=["arn:aws:iam::000000000000:saml-provider/corp"],
    IdentityPoolTags={"team": "auth", "env": "test"})
pool_id = full["IdentityPoolId"]
c.true(pool_id.startswith("us-west-2:"), "pool id carries the region")
expected = {k: v for k, v in full.items() if k != "ResponseMetadata"}
c.eq(list(expected), ["IdentityPoolId", "IdentityPoolName", "AllowUnauthenticatedIdentities", "AllowClassicFlow", "SupportedLoginProviders",
                      "DeveloperProviderName", "OpenIdConnectProviderARNs", "CognitoIdentityProviders", "SamlProviderARNs",
                      "IdentityPoolTags"], "model member order")
c.eq(full["CognitoIdentityProviders"][0]["ServerSideTokenCheck"], False, "ServerSideTokenCheck defaults to false")
described = ci.describe_identity_pool(IdentityPoolId=pool_id)
c.eq({k: v for k, v in described.items() if k != "ResponseMetadata"}, expected, "describe matches create")

# A full replacement: what the update omits returns to its default; the developer provider name stays.
updated = ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="Renamed", AllowUnauthenticatedIdentities=False)
c.eq({k: v for k, v in updated.items() if k != "ResponseMetadata"},
     {"IdentityPoolId": pool_id, "IdentityPoolName": "Renamed", "AllowUnauthenticatedIdentities": False,
      "DeveloperProviderName": "login.example.app"}, "update resets omitted settings")
c.eq(ci.list_tags_for_resource(ResourceArn=f"arn:aws:cognito-identity:us-west-2:000000000000:identitypool/{pool_id}")["Tags"], {},
     "tags cleared by the update")
c.error(lambda: ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="Renamed", AllowUnauthenticatedIdentities=False,
                                        DeveloperProviderName="other.provider"),
        "InvalidParameterException", "Cannot change DeveloperProviderName once it is set.", "developer provider is fixed")
same = ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="Renamed", AllowUnauthenticatedIdentities=True,
                               DeveloperProviderName="login.example.app", AllowClassicFlow=False)
c.eq((same["AllowClassicFlow"], same["DeveloperProviderName"]), (False, "login.example.app"), "same developer name accepted")

# Tags.
arn = f"arn:aws:cognito-identity:us-west-2:000000000000:identitypool/{pool_id}"
ci.tag_resource(ResourceArn=arn, Tags={"a": "1", "b": "2"})
ci.tag_resource(ResourceArn=arn, Tags={"b": "3", "c": ""})
c.eq(ci.list_tags_for_resource(ResourceArn=arn)["Tags"], {"a": "1", "b": "3", "c": ""}, "tags merged")
ci.untag_resource(ResourceArn=arn, TagKeys=["a", "missing"])
c.eq(ci.list_tags_for_resource(ResourceArn=arn)["Tags"], {"b": "3", "c": ""}, "untagged")
c.eq(ci.describe_identity_pool(IdentityPoolId=pool_id)["IdentityPoolTags"], {"b": "3", "c": ""}, "tags on the pool")
c.error(lambda: ci.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(49)}), "InvalidParameterException",
        "An identity pool can have at most 50 tags.", "51 tags")
missing_arn = "arn:aws:cognito-identity:us-west-2:000000000000:identitypool/us-west-2:00000000-0000-0000-0000-000000000000"
c.error(lambda: ci.list_tags_for_resource(ResourceArn=missing_arn), "ResourceNotFoundException", what="tags of unknown pool")
c.error(lambda: east.list_tags_for_resource(ResourceArn=arn), "ResourceNotFoundException", what="tags from another region")

# Roles and role mappings.
c.eq(ci.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"], {}, "no roles yet")
mappings = {
    "cognito-idp.us-west-2.amazonaws.com/us-west-2_AbCdEfGhI:abc123": {
        "Type": "Rules", "AmbiguousRoleResolution": "AuthenticatedRole",
        "RulesConfiguration": {"Rules": [{"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admin",
                                          "RoleARN": "arn:aws:iam::000000000000:role/Admin"}]}},
    "graph.facebook.com": {"Type": "Token", "AmbiguousRoleResolution": "Deny"},
}
roles = {"authenticated": "arn:aws:iam::000000000000:role/Auth", "unauthenticated": "arn:aws:iam::000000000000:role/Unauth"}
ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles=roles, RoleMappings=mappings)
got = ci.get_identity_pool_roles(IdentityPoolId=pool_id)
c.eq((got["IdentityPoolId"], got["Roles"], got["RoleMappings"]), (pool_id, roles, mappings), "roles round trip")
ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": roles["authenticated"]})
got = ci.get_identity_pool_roles(IdentityPoolId=pool_id)
c.true("RoleMappings" not in got and got["Roles"] == {"authenticated": roles["authenticated"]}, "roles replaced, mappings cleared")
c.error(lambda: ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={}, RoleMappings={"graph.facebook.com": {"Type": "Token"}}),
        "InvalidParameterException", "AmbiguousRoleResolution must be specified for the Token role mapping of graph.facebook.com.", "no resolution")
c.error(lambda: ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={}, RoleMappings={
    "graph.facebook.com": {"Type": "Rules", "AmbiguousRoleResolution": "Deny"}}),
    "InvalidParameterException", "RulesConfiguration must be specified for the Rules role mapping of graph.facebook.com.", "rules missing")
many = [{"Claim": "c", "MatchType": "Equals", "Value": str(i), "RoleARN": "arn:aws:iam::000000000000:role/R"} for i in range(26)]
c.error(lambda: ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={}, RoleMappings={
    "graph.facebook.com": {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": many}}}),
    "InvalidParameterException", what="26 rules")
e = c.error(lambda: ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"admin": "arn:aws:iam::000000000000:role/X"}),
            "ValidationException", what="role key")
c.true("(un)?authenticated" in e.response["Error"]["Message"], "role key pattern named")
c.error(lambda: ci.get_identity_pool_roles(IdentityPoolId="us-west-2:00000000-0000-0000-0000-000000000000"), "ResourceNotFoundException",
        "IdentityPool 'us-west-2:00000000-0000-0000-0000-000000000000' not found.", "roles of unknown pool")

# Principal-tag maps.
unset = ci.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName="graph.facebook.com")
c.eq((unset["UseDefaults"], unset["PrincipalTags"]), (False, {}), "no map yet")
put = ci.set_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName="graph.facebook.com", UseDefaults=True,
                                         PrincipalTags={"dept": "custom:dept"})
c.eq((put["IdentityPoolId"], put["IdentityProviderName"], put["UseDefaults"], put["PrincipalTags"]),
     (pool_id, "graph.facebook.com", True, {"dept": "custom:dept"}), "set map")
got = ci.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName="graph.facebook.com")
c.eq((got["UseDefaults"], got["PrincipalTags"]), (True, {"dept": "custom:dept"}), "get map")

# Listing and paging, per account and region.
ids = [pool_id] + [ci.create_identity_pool(IdentityPoolName=f"p{i}", AllowUnauthenticatedIdentities=False)["IdentityPoolId"] for i in range(4)]
seen, token = [], None
while True:
    page = ci.list_identity_pools(MaxResults=2, **({"NextToken": token} if token else {}))
    c.true(len(page["IdentityPools"]) <= 2, "page size")
    seen += [p["IdentityPoolId"] for p in page["IdentityPools"]]
    token = page.get("NextToken")
    if not token:
        break
c.true(set(ids) <= set(seen) and len(seen) == len(set(seen)), "all pools paged once")
c.eq(sorted(p["IdentityPoolId"] for p in ci.get_paginator("list_identity_pools").paginate(MaxResults=3).build_full_result()["IdentityPools"]),
     sorted(seen), "paginator")
c.true(pool_id not in [p["IdentityPoolId"] for p in east.list_identity_pools(MaxResults=60)["IdentityPools"]], "regions are separate")
c.error(lambda: east.describe_identity_pool(IdentityPoolId=pool_id), "ResourceNotFoundException",
        f"IdentityPool '{pool_id}' not found.", "other region")
c.error(lambda: ci.list_identity_pools(MaxResults=61), "ValidationException",
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
        "MaxResults 61")
c.error(lambda: ci.list_identity_pools(MaxResults=2, NextToken="!!!"), "InvalidParameterException", what="bad token")

# Bad inputs, worded as AWS words them.
c.error(lambda: ci.create_identity_pool(IdentityPoolName="bad/name", AllowUnauthenticatedIdentities=False), "ValidationException",
        f"1 validation error detected: Value 'bad/name' at 'identityPoolName' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {NAME_PATTERN}", "name pattern")
c.error(lambda: ci.create_identity_pool(IdentityPoolName="x" * 129, AllowUnauthenticatedIdentities=False), "ValidationException",
        f"1 validation error detected: Value '{'x' * 129}' at 'identityPoolName' failed to satisfy constraint: "
        "Member must have length less than or equal to 128", "name length")
e = c.error(lambda: ci.create_identity_pool(IdentityPoolName="ok", AllowUnauthenticatedIdentities=False, DeveloperProviderName="bad name!"),
            "ValidationException", what="developer provider pattern")
c.true("at 'developerProviderName'" in e.response["Error"]["Message"] and r"[\w._-]+" in e.response["Error"]["Message"], "developer pattern named")
e = c.error(lambda: ci.create_identity_pool(IdentityPoolName="ok", AllowUnauthenticatedIdentities=False,
                                            CognitoIdentityProviders=[{"ProviderName": "bad provider", "ClientId": "bad-id"}]),
            "ValidationException", what="provider patterns")
c.true(e.response["Error"]["Message"].startswith("2 validation errors detected:"), "both provider members reported")
c.true("at 'cognitoIdentityProviders.1.member.providerName'" in e.response["Error"]["Message"], "provider path")
c.error(lambda: ci.create_identity_pool(IdentityPoolName="ok", AllowUnauthenticatedIdentities=False,
                                        SupportedLoginProviders={f"p{i}.example.com": "id" for i in range(11)}),
        "ValidationException", what="11 login providers")
c.error(lambda: ci.create_identity_pool(IdentityPoolName="ok", AllowUnauthenticatedIdentities=False,
                                        CognitoIdentityProviders=[{"ProviderName": f"cognito-idp.us-west-2.amazonaws.com/us-west-2_{i:09d}",
                                                                   "ClientId": "c"} for i in range(51)]),
        "LimitExceededException", "An identity pool can have at most 50 Cognito user pool providers.", "51 user pool providers")
c.error(lambda: ci.describe_identity_pool(IdentityPoolId="not-a-pool"), "ValidationException", what="id pattern")
c.error(lambda: ci.describe_identity_pool(IdentityPoolId="us-west-2:abc"), "ResourceNotFoundException",
        "IdentityPool 'us-west-2:abc' not found.", "well-formed unknown id")
c.error(lambda: ci.update_identity_pool(IdentityPoolId="us-west-2:00000000-0000-0000-0000-000000000000", IdentityPoolName="x",
                                        AllowUnauthenticatedIdentities=False), "ResourceNotFoundException", what="update unknown")

# Delete.
ci.delete_identity_pool(IdentityPoolId=ids[1])
c.error(lambda: ci.describe_identity_pool(IdentityPoolId=ids[1]), "ResourceNotFoundException", what="deleted pool")
c.error(lambda: ci.delete_identity_pool(IdentityPoolId=ids[1]), "ResourceNotFoundException", what="delete twice")

done(c, poolId=pool_id)
