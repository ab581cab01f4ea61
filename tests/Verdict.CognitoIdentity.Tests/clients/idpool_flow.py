"""The issue's end-to-end flow: sign in to a Verdict user pool; GetId with the ID token; GetOpenIdToken; verify that
token independently against the issuer's discovery document and JWKS; GetCredentialsForIdentity; the credentials
cannot call management operations; global sign-out; with ServerSideTokenCheck, GetId and GetOpenIdToken now fail."""
import sys
import time

from idpool_common import Checks, client, done, get_json, payload, sign_in, user_pool, verify

endpoint = sys.argv[1]
c = Checks()
ci = client(endpoint)
public = client(endpoint, signed=False)
idp, user_pool_id, client_id = user_pool(endpoint, name="flow-users")
provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"

pool = ci.create_identity_pool(
    IdentityPoolName="flow pool", AllowUnauthenticatedIdentities=False, AllowClassicFlow=True,
    CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id, "ServerSideTokenCheck": True}])
pool_id = pool["IdentityPoolId"]
c.true(pool_id.startswith("us-east-1:") and len(pool_id) == len("us-east-1:") + 36, f"pool id shape {pool_id}")
c.eq(pool["CognitoIdentityProviders"][0]["ServerSideTokenCheck"], True, "server-side check on")
ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": "arn:aws:iam::000000000000:role/FlowAuth"})

tokens = sign_in(idp, user_pool_id, client_id, "alice")
id_token = tokens["IdToken"]

# GetId (unsigned) with the ID token: an identity in the pool's region, the same one every time.
identity_id = public.get_id(IdentityPoolId=pool_id, Logins={provider: id_token})["IdentityId"]
c.true(identity_id.startswith("us-east-1:"), "identity id in the pool's region")
c.eq(public.get_id(IdentityPoolId=pool_id, Logins={provider: id_token})["IdentityId"], identity_id, "same user, same identity")
c.eq(public.get_id(IdentityPoolId=pool_id, AccountId="000000000000", Logins={provider: id_token})["IdentityId"], identity_id, "with AccountId")

# GetOpenIdToken: a real RS256 JWT of Verdict's identity-pool issuer, verified independently.
answer = public.get_open_id_token(IdentityId=identity_id, Logins={provider: id_token})
c.eq(answer["IdentityId"], identity_id, "token for the identity")
token = answer["Token"]
discovery = get_json(endpoint + "/cognito-identity/.well-known/openid-configuration")
c.eq(discovery["issuer"], endpoint + "/cognito-identity", "issuer")
c.eq(discovery["id_token_signing_alg_values_supported"], ["RS256"], "RS256 announced")
jwks = get_json(discovery["jwks_uri"])
c.eq(len(jwks["keys"]), 1, "one issuer key")
claims = verify(token, jwks)
c.eq(claims["iss"], discovery["issuer"], "iss")
c.eq(claims["sub"], identity_id, "sub is the identity")
c.eq(claims["aud"], pool_id, "aud is the pool")
c.eq(claims["amr"][0], "authenticated", "amr authenticated")
c.true(provider in claims["amr"], "amr names the provider")
id_sub = payload(id_token)["sub"]
c.true(f"{provider}:CognitoSignIn:{id_sub}" in claims["amr"], "amr names the user")
c.eq(claims["exp"] - claims["iat"], 600, "10 minutes")
c.true(abs(claims["iat"] - time.time()) < 120, "issued now")

# The token is usable as a login of this pool (cognito-identity.amazonaws.com), as AWS's developer flow does.
c.eq(public.get_open_id_token(IdentityId=identity_id, Logins={"cognito-identity.amazonaws.com": token})["IdentityId"],
     identity_id, "own token as a login")

# Enhanced flow: credentials for the authenticated role, registered with Verdict.
creds_answer = public.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: id_token})
creds = creds_answer["Credentials"]
c.true(creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20, "access key shape")
c.true(len(creds["SecretKey"]) == 40 and len(creds["SessionToken"]) > 100, "secret and session token")
c.true(3500 < creds["Expiration"].timestamp() - time.time() < 3700, "one hour")
federated = dict(key=creds["AccessKeyId"], secret=creds["SecretKey"], token=creds["SessionToken"])
for service, call, action in [
    ("cognito-identity", lambda cl: cl.list_identity_pools(MaxResults=10), "cognito-identity:ListIdentityPools"),
    ("cognito-idp", lambda cl: cl.list_user_pools(MaxResults=10), "cognito-idp:ListUserPools"),
    ("verifiedpermissions", lambda cl: cl.list_policy_stores(), "verifiedpermissions:ListPolicyStores"),
]:
    c.error(lambda: call(client(endpoint, service, **federated)), "AccessDeniedException",
            f"User: arn:aws:sts::000000000000:assumed-role/FlowAuth/CognitoIdentityCredentials is not authorized to perform: {action}",
            what=f"federated credentials on {service}")
# What they are for: Verified Permissions decisions in the role's account (and nothing that reads or changes a store).
avp = client(endpoint, "verifiedpermissions")
store = avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
avp.create_policy(policyStoreId=store, definition={"static": {
    "statement": 'permit(principal == User::"alice", action == Action::"view", resource);'}})
app_avp = client(endpoint, "verifiedpermissions", **federated)
request = dict(policyStoreId=store, principal={"entityType": "User", "entityId": "alice"},
               action={"actionType": "Action", "actionId": "view"}, resource={"entityType": "Photo", "entityId": "p1"})
c.eq(app_avp.is_authorized(**request)["decision"], "ALLOW", "federated credentials may ask for a decision")
c.eq(app_avp.batch_is_authorized(policyStoreId=store, requests=[{k: v for k, v in request.items() if k != "policyStoreId"}])["results"][0]["decision"],
     "ALLOW", "and for a batch of decisions")
for call, action in [(lambda: app_avp.get_policy_store(policyStoreId=store), "GetPolicyStore"),
                     (lambda: app_avp.delete_policy_store(policyStoreId=store), "DeletePolicyStore"),
                     (lambda: app_avp.list_policies(policyStoreId=store), "ListPolicies")]:
    c.error(call, "AccessDeniedException", what=f"federated {action}")
c.true(avp.get_policy_store(policyStoreId=store)["policyStoreId"] == store, "store untouched")
c.error(lambda: client(endpoint, "verifiedpermissions", key=creds["AccessKeyId"], secret=creds["SecretKey"]).is_authorized(**request),
        "UnrecognizedClientException", what="without the session token", status=403)

# Sign out globally: the ID token still verifies (it has not expired) but ServerSideTokenCheck refuses it.
idp.admin_user_global_sign_out(UserPoolId=user_pool_id, Username="alice")
revoked = "Invalid login token. Token has been revoked."
c.error(lambda: public.get_id(IdentityPoolId=pool_id, Logins={provider: id_token}), "NotAuthorizedException", revoked, "GetId after sign-out")
c.error(lambda: public.get_open_id_token(IdentityId=identity_id, Logins={provider: id_token}), "NotAuthorizedException", revoked,
        "GetOpenIdToken after sign-out")
c.error(lambda: public.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: id_token}), "NotAuthorizedException", revoked,
        "GetCredentialsForIdentity after sign-out")

# Signing in again gives a live session: the same identity comes back.
fresh = sign_in(idp, user_pool_id, client_id, "alice")["IdToken"]
c.eq(public.get_id(IdentityPoolId=pool_id, Logins={provider: fresh})["IdentityId"], identity_id, "new session, same identity")

# A deleted user is refused too.
idp.admin_delete_user(UserPoolId=user_pool_id, Username="alice")
c.error(lambda: public.get_open_id_token(IdentityId=identity_id, Logins={provider: fresh}), "NotAuthorizedException", revoked, "deleted user")

# Without ServerSideTokenCheck the same revoked token is still accepted until it expires, as on AWS.
bob = sign_in(idp, user_pool_id, client_id, "bob")
ci.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="flow pool", AllowUnauthenticatedIdentities=False, AllowClassicFlow=True,
                        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id, "ServerSideTokenCheck": False}])
idp.admin_user_global_sign_out(UserPoolId=user_pool_id, Username="bob")
c.true(public.get_id(IdentityPoolId=pool_id, Logins={provider: bob["IdToken"]})["IdentityId"] != identity_id, "no server-side check: accepted")

done(c, poolId=pool_id, identityId=identity_id, issuer=claims["iss"], amr=claims["amr"])
