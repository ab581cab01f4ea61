"""Identities: unauthenticated and authenticated flows, the classic-flow switch, logins checked for real (bad
tokens, wrong issuer, access token, unconfigured client, unknown provider, more than 10 logins), role resolution
(Token and Rules mappings, AmbiguousRoleResolution, CustomRoleArn, no role), DescribeIdentity, ListIdentities with
HideDisabled, DeleteIdentities, UnlinkIdentity, and the developer-authenticated identity operations."""
import sys

from idpool_common import Checks, client, done, get_json, payload, sign_in, user_pool, verify

endpoint = sys.argv[1]
c = Checks()
ci = client(endpoint)
public = client(endpoint, signed=False)
idp, up, app = user_pool(endpoint, name="identities-users")
other_app = idp.create_user_pool_client(UserPoolId=up, ClientName="other", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
_, other_up, other_up_app = user_pool(endpoint, name="other-users")
provider = f"cognito-idp.us-east-1.amazonaws.com/{up}"
other_provider = f"cognito-idp.us-east-1.amazonaws.com/{other_up}"
idp.create_group(UserPoolId=up, GroupName="admins", Precedence=1, RoleArn="arn:aws:iam::000000000000:role/GroupAdmin")
idp.create_group(UserPoolId=up, GroupName="readers", Precedence=2, RoleArn="arn:aws:iam::000000000000:role/GroupReader")
AUTH, UNAUTH = "arn:aws:iam::000000000000:role/Auth", "arn:aws:iam::000000000000:role/Unauth"
jwks = get_json(endpoint + "/cognito-identity/.well-known/jwks_uri")

# ---- unauthenticated identities ----
open_pool = ci.create_identity_pool(IdentityPoolName="open", AllowUnauthenticatedIdentities=True,
                                    CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app}])["IdentityPoolId"]
guest = public.get_id(IdentityPoolId=open_pool)["IdentityId"]
c.true(guest.startswith("us-east-1:") and guest != public.get_id(IdentityPoolId=open_pool)["IdentityId"], "each guest is new")
claims = verify(public.get_open_id_token(IdentityId=guest)["Token"], jwks)
c.eq((claims["amr"], claims["sub"], claims["aud"]), (["unauthenticated"], guest, open_pool), "guest token")
c.error(lambda: public.get_credentials_for_identity(IdentityId=guest), "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.", "no unauthenticated role")
ci.set_identity_pool_roles(IdentityPoolId=open_pool, Roles={"authenticated": AUTH, "unauthenticated": UNAUTH})
creds = public.get_credentials_for_identity(IdentityId=guest)
c.eq(creds["IdentityId"], guest, "guest credentials")
c.error(lambda: client(endpoint, key=creds["Credentials"]["AccessKeyId"], secret=creds["Credentials"]["SecretKey"],
                       token=creds["Credentials"]["SessionToken"]).describe_identity(IdentityId=guest),
        "AccessDeniedException", "User: arn:aws:sts::000000000000:assumed-role/Unauth/CognitoIdentityCredentials is not authorized "
                                 "to perform: cognito-identity:DescribeIdentity", "guest credentials on a developer call")
c.error(lambda: public.get_credentials_for_identity(IdentityId=guest, CustomRoleArn=AUTH), "NotAuthorizedException", what="custom role for guest")

closed = ci.create_identity_pool(IdentityPoolName="closed", AllowUnauthenticatedIdentities=False, AllowClassicFlow=False,
                                 CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app}])["IdentityPoolId"]
unsupported = "Unauthenticated access is not supported for this identity pool."
c.error(lambda: public.get_id(IdentityPoolId=closed), "NotAuthorizedException", unsupported, "GetId without logins")
ci.update_identity_pool(IdentityPoolId=open_pool, IdentityPoolName="open", AllowUnauthenticatedIdentities=False,
                        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app}])
c.error(lambda: public.get_credentials_for_identity(IdentityId=guest), "NotAuthorizedException", unsupported, "guest after the pool closed")

# ---- logins checked for real ----
alice = sign_in(idp, up, app, "alice", groups=["admins", "readers"])
id_token = alice["IdToken"]
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={provider: "not.a.jwt"}), "NotAuthorizedException",
        "Invalid login token. Not a valid OpenId Connect identity token.", "malformed token")
forged = id_token[: id_token.rindex(".") + 1] + ("A" if id_token[-1] != "A" else "B") * 20
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={provider: forged}), "NotAuthorizedException",
        "Invalid login token. Not a valid OpenId Connect identity token.", "bad signature")
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={provider: alice["AccessToken"]}), "NotAuthorizedException",
        "Invalid login token. Missing a required claim: aud", "access token instead of ID token")
other_token = sign_in(idp, up, other_app, "alice")["IdToken"]
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={provider: other_token}), "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.", "unconfigured client")
ci.update_identity_pool(IdentityPoolId=closed, IdentityPoolName="closed", AllowUnauthenticatedIdentities=False, AllowClassicFlow=False,
                        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app},
                                                  {"ProviderName": other_provider, "ClientId": other_up_app}])
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={other_provider: id_token}), "NotAuthorizedException",
        "Invalid login token. Issuer doesn't match providerName", "issuer is not the Logins key")
c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={"cognito-idp.us-east-1.amazonaws.com/us-east-1_Unknown12": id_token}),
        "NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        "provider not in the pool")
e = c.error(lambda: public.get_id(IdentityPoolId=closed, Logins={f"p{i}.example.com": "t" for i in range(11)}), "ValidationException",
            what="11 logins")
c.true("at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10" in e.response["Error"]["Message"], "logins limit")
c.error(lambda: public.get_id(IdentityPoolId="us-east-1:00000000-0000-0000-0000-000000000000", Logins={provider: id_token}),
        "ResourceNotFoundException", "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.", "unknown pool")
c.error(lambda: public.get_id(IdentityPoolId="nowhere:00000000-0000-0000-0000-000000000000"), "ResourceNotFoundException",
        what="id without a region")
c.error(lambda: public.get_id(IdentityPoolId=closed, AccountId="111111111111", Logins={provider: id_token}), "ResourceNotFoundException",
        what="another account")

alice_id = public.get_id(IdentityPoolId=closed, Logins={provider: id_token})["IdentityId"]
c.error(lambda: public.get_open_id_token(IdentityId=alice_id, Logins={provider: id_token}), "InvalidParameterException",
        "Basic (classic) flow is not enabled, please use enhanced flow.", "classic flow off")
c.error(lambda: public.get_credentials_for_identity(IdentityId=alice_id), "NotAuthorizedException",
        f"Access to Identity '{alice_id}' is forbidden.", "authenticated identity without logins")
c.error(lambda: public.get_credentials_for_identity(IdentityId=alice_id, Logins={provider: id_token}), "InvalidIdentityPoolConfigurationException",
        what="no authenticated role")
c.error(lambda: public.get_credentials_for_identity(IdentityId="us-east-1:00000000-0000-0000-0000-000000000000"), "ResourceNotFoundException",
        "Identity 'us-east-1:00000000-0000-0000-0000-000000000000' not found.", "unknown identity")
bob = sign_in(idp, up, app, "bob")
c.error(lambda: public.get_credentials_for_identity(IdentityId=alice_id, Logins={provider: bob["IdToken"]}), "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.", "someone else's login")

# ---- role resolution ----
ci.set_identity_pool_roles(IdentityPoolId=closed, Roles={"authenticated": AUTH})


def assumed_role(identity, logins, **extra):
    answer = public.get_credentials_for_identity(IdentityId=identity, Logins=logins, **extra)["Credentials"]
    try:
        client(endpoint, key=answer["AccessKeyId"], secret=answer["SecretKey"], token=answer["SessionToken"]).list_identity_pools(MaxResults=1)
    except Exception as refusal:  # noqa: BLE001 - the refusal names the assumed role
        message = refusal.response["Error"]["Message"]
        return message.split("assumed-role/")[1].split("/")[0]
    raise AssertionError("federated credentials were accepted by a management operation")


c.eq(assumed_role(alice_id, {provider: id_token}), "Auth", "authenticated role")
token_key = f"{provider}:{app}"
ci.set_identity_pool_roles(IdentityPoolId=closed, Roles={"authenticated": AUTH},
                           RoleMappings={token_key: {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}})
c.eq(payload(id_token)["cognito:preferred_role"], "arn:aws:iam::000000000000:role/GroupAdmin", "preferred role in the ID token")
c.eq(assumed_role(alice_id, {provider: id_token}), "GroupAdmin", "Token mapping: preferred role")
c.eq(assumed_role(alice_id, {provider: id_token}, CustomRoleArn="arn:aws:iam::000000000000:role/GroupReader"), "GroupReader",
     "Token mapping: CustomRoleArn among cognito:roles")
c.error(lambda: public.get_credentials_for_identity(IdentityId=alice_id, Logins={provider: id_token}, CustomRoleArn=UNAUTH),
        "NotAuthorizedException", what="CustomRoleArn not in the token")
bob_id = public.get_id(IdentityPoolId=closed, Logins={provider: bob["IdToken"]})["IdentityId"]
c.eq(assumed_role(bob_id, {provider: bob["IdToken"]}), "Auth", "Token mapping, no role in token: ambiguous → authenticated role")
ci.set_identity_pool_roles(IdentityPoolId=closed, Roles={"authenticated": AUTH},
                           RoleMappings={token_key: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}})
c.error(lambda: public.get_credentials_for_identity(IdentityId=bob_id, Logins={provider: bob["IdToken"]}),
        "InvalidIdentityPoolConfigurationException", what="ambiguous → Deny")
ci.set_identity_pool_roles(IdentityPoolId=closed, Roles={"authenticated": AUTH}, RoleMappings={token_key: {
    "Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": [
        {"Claim": "cognito:groups", "MatchType": "Equals", "Value": "readers", "RoleARN": "arn:aws:iam::000000000000:role/RuleReaders"},
        {"Claim": "email", "MatchType": "StartsWith", "Value": "bob@", "RoleARN": "arn:aws:iam::000000000000:role/RuleBob"},
    ]}}})
c.eq(assumed_role(alice_id, {provider: id_token}), "RuleReaders", "Rules: group claim")
c.eq(assumed_role(bob_id, {provider: bob["IdToken"]}), "RuleBob", "Rules: StartsWith")
carol = sign_in(idp, up, app, "carol")
carol_id = public.get_id(IdentityPoolId=closed, Logins={provider: carol["IdToken"]})["IdentityId"]
c.error(lambda: public.get_credentials_for_identity(IdentityId=carol_id, Logins={provider: carol["IdToken"]}),
        "InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        "no rule matches, Deny")
ci.update_identity_pool(IdentityPoolId=closed, IdentityPoolName="closed", AllowUnauthenticatedIdentities=False, AllowClassicFlow=True,
                        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app}])
c.error(lambda: public.get_open_id_token(IdentityId=alice_id, Logins={provider: id_token}), "InvalidParameterException",
        "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.", "classic flow with role mappings")

# ---- describe, list, delete, unlink ----
described = ci.describe_identity(IdentityId=alice_id)
c.eq((described["IdentityId"], described["Logins"]), (alice_id, [provider]), "describe identity")
c.true(described["CreationDate"].timestamp() <= described["LastModifiedDate"].timestamp(), "dates are epoch seconds")
c.error(lambda: client(endpoint, region="us-west-2").describe_identity(IdentityId=alice_id), "ResourceNotFoundException", what="other region")
listed = ci.list_identities(IdentityPoolId=closed, MaxResults=60)
c.eq(sorted(i["IdentityId"] for i in listed["Identities"]), sorted([alice_id, bob_id, carol_id]), "list identities")
page = ci.list_identities(IdentityPoolId=closed, MaxResults=2)
rest = ci.list_identities(IdentityPoolId=closed, MaxResults=2, NextToken=page["NextToken"])
c.eq(len(page["Identities"]) + len(rest["Identities"]), 3, "identities paged")
public.unlink_identity(IdentityId=carol_id, Logins={provider: carol["IdToken"]}, LoginsToRemove=[provider])
c.true("Logins" not in ci.describe_identity(IdentityId=carol_id), "carol unlinked")
c.error(lambda: public.get_credentials_for_identity(IdentityId=carol_id, Logins={provider: carol["IdToken"]}), "NotAuthorizedException",
        f"Access to Identity '{carol_id}' is forbidden.", "unlinked identity is disabled")
c.eq(sorted(i["IdentityId"] for i in ci.list_identities(IdentityPoolId=closed, MaxResults=60, HideDisabled=True)["Identities"]),
     sorted([alice_id, bob_id]), "HideDisabled")
c.eq(len(ci.list_identities(IdentityPoolId=closed, MaxResults=60, HideDisabled=False)["Identities"]), 3, "disabled shown by default")
c.error(lambda: ci.list_identities(IdentityPoolId="us-east-1:00000000-0000-0000-0000-000000000000", MaxResults=5), "ResourceNotFoundException",
        what="identities of unknown pool")
west_pool = client(endpoint, region="us-west-2").create_identity_pool(IdentityPoolName="w", AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
west_guest = public.get_id(IdentityPoolId=west_pool)["IdentityId"]
c.true(west_guest.startswith("us-west-2:"), "unsigned GetId takes the region from the pool id")
deleted = ci.delete_identities(IdentityIdsToDelete=[carol_id, west_guest, "us-east-1:00000000-0000-0000-0000-000000000000"])
c.eq(deleted["UnprocessedIdentityIds"], [{"IdentityId": west_guest, "ErrorCode": "AccessDenied"}], "other region's identity not deleted")
c.error(lambda: ci.describe_identity(IdentityId=carol_id), "ResourceNotFoundException", f"Identity '{carol_id}' not found.", "deleted identity")
e = c.error(lambda: client(endpoint, validate=False).delete_identities(IdentityIdsToDelete=[]), "ValidationException", what="empty delete list")
c.eq(e.response["Error"]["Message"], "1 validation error detected: Value at 'identityIdsToDelete' failed to satisfy constraint: "
     "Member must have length greater than or equal to 1", "empty list wording")

# ---- developer-authenticated identities ----
dev = ci.create_identity_pool(IdentityPoolName="dev", AllowUnauthenticatedIdentities=False, DeveloperProviderName="login.example.app",
                              CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app}])["IdentityPoolId"]
first = ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, Logins={"login.example.app": "user-1"},
                                                    PrincipalTags={"dept": "eng"}, TokenDuration=120)
dev1 = first["IdentityId"]
claims = verify(first["Token"], jwks)
c.eq((claims["sub"], claims["aud"], claims["exp"] - claims["iat"]), (dev1, dev, 120), "developer token")
c.eq(claims["amr"], ["authenticated", "login.example.app", f"login.example.app:{dev}:user-1"], "developer amr")
c.eq(claims["https://aws.amazon.com/tags"], {"principal_tags": {"dept": ["eng"]}}, "principal tags")
default = verify(ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, Logins={"login.example.app": "user-1"})["Token"], jwks)
c.eq((default["sub"], default["exp"] - default["iat"]), (dev1, 900, ), "same user, same identity, 15 minutes")
c.eq(public.get_id(IdentityPoolId=dev, Logins={"cognito-identity.amazonaws.com": first["Token"]})["IdentityId"], dev1, "developer token as a login")
dev2 = ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, Logins={"login.example.app": "user-2"})["IdentityId"]
c.error(lambda: ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, IdentityId=dev1, Logins={"login.example.app": "user-2"}),
        "DeveloperUserAlreadyRegisteredException", what="user bound to another identity")
ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, IdentityId=dev1, Logins={"login.example.app": "user-1b"})
looked = ci.lookup_developer_identity(IdentityPoolId=dev, IdentityId=dev1)
c.eq((looked["IdentityId"], looked["DeveloperUserIdentifierList"]), (dev1, ["user-1", "user-1b"]), "lookup by identity")
c.eq(ci.lookup_developer_identity(IdentityPoolId=dev, DeveloperUserIdentifier="user-1b", MaxResults=1)["IdentityId"], dev1, "lookup by user")
c.error(lambda: ci.lookup_developer_identity(IdentityPoolId=dev), "InvalidParameterException", what="lookup needs a key")
c.error(lambda: ci.lookup_developer_identity(IdentityPoolId=dev, DeveloperUserIdentifier="nobody"), "ResourceNotFoundException", what="unknown user")
merged = ci.merge_developer_identities(IdentityPoolId=dev, DeveloperProviderName="login.example.app",
                                       SourceUserIdentifier="user-2", DestinationUserIdentifier="user-1")
c.eq(merged["IdentityId"], dev1, "merged into the destination")
c.eq(sorted(ci.lookup_developer_identity(IdentityPoolId=dev, IdentityId=dev1)["DeveloperUserIdentifierList"]), ["user-1", "user-1b", "user-2"],
     "merged users")
c.error(lambda: ci.merge_developer_identities(IdentityPoolId=dev, DeveloperProviderName="other", SourceUserIdentifier="user-2",
                                              DestinationUserIdentifier="user-1"), "InvalidParameterException", what="wrong provider")
ci.unlink_developer_identity(IdentityPoolId=dev, IdentityId=dev1, DeveloperProviderName="login.example.app", DeveloperUserIdentifier="user-2")
c.eq(sorted(ci.lookup_developer_identity(IdentityPoolId=dev, IdentityId=dev1)["DeveloperUserIdentifierList"]), ["user-1", "user-1b"], "unlinked")
c.error(lambda: ci.unlink_developer_identity(IdentityPoolId=dev, IdentityId=dev1, DeveloperProviderName="login.example.app",
                                             DeveloperUserIdentifier="user-2"), "ResourceNotFoundException", what="unlink twice")
fresh = ci.get_open_id_token_for_developer_identity(IdentityPoolId=dev, Logins={"login.example.app": "user-2"})["IdentityId"]
c.true(fresh not in (dev1, dev2), "an unlinked developer user is a new identity next time")
c.error(lambda: ci.get_open_id_token_for_developer_identity(IdentityPoolId=closed, Logins={"login.example.app": "u"}), "NotAuthorizedException",
        what="pool without a developer provider")
c.error(lambda: client(endpoint, validate=False).get_open_id_token_for_developer_identity(
    IdentityPoolId=dev, Logins={"login.example.app": "u"}, TokenDuration=86401),
        "ValidationException", what="token duration")
done(c, pools=[open_pool, closed, dev])
