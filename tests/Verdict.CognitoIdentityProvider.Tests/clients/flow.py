"""The issue's whole flow with boto3: pool, client, user in two groups, sign-in through NEW_PASSWORD_REQUIRED, both
tokens verified against the served JWKS with joserfc and every claim checked, GetUser, refresh, sign-out, revocation."""
import sys
import time

from common import UUID, Checks, client, done, get_json, header, verify

endpoint = sys.argv[1]
c = Checks()
idp = client(endpoint)
public = client(endpoint, signed=False)

pool = idp.create_user_pool(
    PoolName="flow-pool",
    AutoVerifiedAttributes=["email"],
    Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True}],
)["UserPool"]
pool_id = pool["Id"]
c.true(pool_id.startswith("us-east-1_") and len(pool_id) == len("us-east-1_") + 9 and pool_id[10:].isalnum(), f"pool id shape {pool_id}")
c.eq(pool["Arn"], f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool_id}", "pool ARN")
c.eq(pool["Policies"]["PasswordPolicy"]["MinimumLength"], 8, "default minimum length")
c.eq(pool["MfaConfiguration"], "OFF", "MFA off")
c.true(any(a["Name"] == "custom:tenant" for a in pool["SchemaAttributes"]), "custom attribute in schema")

app = idp.create_user_pool_client(
    UserPoolId=pool_id, ClientName="flow-app",
    ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]
client_id = app["ClientId"]
c.true(len(client_id) == 26 and client_id.isalnum() and client_id == client_id.lower(), f"client id shape {client_id}")
c.true("ClientSecret" not in app, "no secret unless asked")
c.eq((app.get("AccessTokenValidity"), app.get("IdTokenValidity"), app["RefreshTokenValidity"]), (None, None, 30), "only the refresh lifetime is filled in")
c.eq(app["TokenValidityUnits"], {}, "units are reported as given")

idp.create_group(UserPoolId=pool_id, GroupName="readers", Precedence=2, Description="read")
idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=1)
created = idp.admin_create_user(
    UserPoolId=pool_id, Username="alice", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS",
    UserAttributes=[{"Name": "email", "Value": "alice@example.com"}, {"Name": "email_verified", "Value": "true"},
                    {"Name": "custom:tenant", "Value": "acme"}],
)["User"]
c.eq(created["UserStatus"], "FORCE_CHANGE_PASSWORD", "admin-created status")
c.eq(created["Enabled"], True, "enabled")
idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="readers")
idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="admins")
c.eq(sorted(g["GroupName"] for g in idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"]), ["admins", "readers"], "groups of alice")
c.eq([u["Username"] for u in idp.list_users_in_group(UserPoolId=pool_id, GroupName="admins")["Users"]], ["alice"], "members of admins")

sub = next(a["Value"] for a in idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"] if a["Name"] == "sub")
c.true(UUID.match(sub), "sub is a UUID")

# Sign in: the temporary password leads to NEW_PASSWORD_REQUIRED (unsigned calls, as browsers make them).
challenge = public.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": "Temp-Passw0rd!"})
c.eq(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED", "challenge")
c.eq(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], "alice", "challenge user")
before_login = int(time.time())
answer = public.respond_to_auth_challenge(
    ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"],
    ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": "Final-Passw0rd!"})
result = answer["AuthenticationResult"]
c.eq(result["TokenType"], "Bearer", "token type")
c.eq(result["ExpiresIn"], 3600, "expires in")
c.true(len(result["RefreshToken"]) > 40 and result["RefreshToken"].count(".") != 2, "refresh token is opaque")
c.eq(idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"], "CONFIRMED", "confirmed after new password")
c.error(lambda: public.respond_to_auth_challenge(
    ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"],
    ChallengeResponses={"USERNAME": "alice", "NEW_PASSWORD": "Other-Passw0rd!"}),
    "NotAuthorizedException", "Invalid session for the user, session is expired.", "session answers once")

# Discovery and JWKS, then both tokens verified with joserfc.
discovery = get_json(f"{endpoint}/{pool_id}/.well-known/openid-configuration")
issuer = f"{endpoint}/{pool_id}"
c.eq(discovery["issuer"], issuer, "discovery issuer")
c.eq(discovery["jwks_uri"], f"{issuer}/.well-known/jwks.json", "jwks uri")
jwks = get_json(discovery["jwks_uri"])
c.eq(len(jwks["keys"]), 2, "two keys (ID and access)")
for key in jwks["keys"]:
    c.eq((key["kty"], key["alg"], key["use"], key["e"]), ("RSA", "RS256", "sig", "AQAB"), "key parameters")
    c.true("d" not in key and "p" not in key, "no private parameters")
    c.true(len(key["n"]) >= 342, "2048-bit modulus")

id_header, access_header = header(result["IdToken"]), header(result["AccessToken"])
c.eq(set(id_header), {"kid", "alg"}, "ID token header members")
c.eq(id_header["alg"], "RS256", "alg")
c.true(id_header["kid"] != access_header["kid"], "ID and access tokens use different keys")
c.eq({id_header["kid"], access_header["kid"]}, {k["kid"] for k in jwks["keys"]}, "kids are in the JWKS")

id_claims = verify(result["IdToken"], jwks)
access_claims = verify(result["AccessToken"], jwks)
c.eq(set(id_claims), {"sub", "cognito:groups", "email_verified", "iss", "cognito:username", "origin_jti", "aud", "event_id",
                       "token_use", "auth_time", "exp", "iat", "jti", "email", "custom:tenant"}, "ID token claim names")
c.eq(set(access_claims), {"sub", "cognito:groups", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope",
                           "auth_time", "exp", "iat", "jti", "username"}, "access token claim names")
c.eq(id_claims["sub"], sub, "id sub")
c.eq(id_claims["cognito:groups"], ["admins", "readers"], "id groups by precedence")
c.eq(id_claims["email_verified"], True, "email_verified is a boolean")
c.eq(id_claims["iss"], issuer, "id iss")
c.eq(id_claims["cognito:username"], "alice", "cognito:username")
c.eq(id_claims["aud"], client_id, "aud")
c.eq(id_claims["token_use"], "id", "id token_use")
c.eq(id_claims["email"], "alice@example.com", "email claim")
c.eq(id_claims["custom:tenant"], "acme", "custom claim")
c.eq(id_claims["exp"] - id_claims["iat"], 3600, "id lifetime")
c.true(before_login - 1 <= id_claims["auth_time"] <= id_claims["iat"] <= int(time.time()) + 1, "id times")
for name in ("origin_jti", "event_id", "jti"):
    c.true(UUID.match(id_claims[name]) and UUID.match(access_claims[name]), f"{name} is a UUID")
c.eq(access_claims["sub"], sub, "access sub")
c.eq(access_claims["cognito:groups"], ["admins", "readers"], "access groups")
c.eq(access_claims["iss"], issuer, "access iss")
c.eq(access_claims["client_id"], client_id, "client_id")
c.eq(access_claims["token_use"], "access", "access token_use")
c.eq(access_claims["scope"], "aws.cognito.signin.user.admin", "scope")
c.eq(access_claims["username"], "alice", "username")
c.eq(access_claims["exp"] - access_claims["iat"], 3600, "access lifetime")
c.eq(access_claims["origin_jti"], id_claims["origin_jti"], "same origin_jti")
c.eq(access_claims["event_id"], id_claims["event_id"], "same event_id")
c.eq(access_claims["auth_time"], id_claims["auth_time"], "same auth_time")
c.true(access_claims["jti"] != id_claims["jti"], "distinct jti")

me = public.get_user(AccessToken=result["AccessToken"])
c.eq(me["Username"], "alice", "GetUser username")
c.eq({a["Name"]: a["Value"] for a in me["UserAttributes"]}["custom:tenant"], "acme", "GetUser attribute")

# Refresh: new ID and access tokens in the same session, no new refresh token.
time.sleep(1.1)
refreshed = public.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                 AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})["AuthenticationResult"]
c.true("RefreshToken" not in refreshed, "refresh returns no new refresh token")
refreshed_id = verify(refreshed["IdToken"], jwks)
refreshed_access = verify(refreshed["AccessToken"], jwks)
c.eq(refreshed_id["origin_jti"], id_claims["origin_jti"], "refresh keeps origin_jti")
c.eq(refreshed_id["auth_time"], id_claims["auth_time"], "refresh keeps auth_time")
c.true(refreshed_id["iat"] > id_claims["iat"], "refresh issues newer tokens")
c.true(refreshed_access["jti"] != access_claims["jti"], "refresh issues a new jti")
c.eq(public.get_user(AccessToken=refreshed["AccessToken"])["Username"], "alice", "GetUser with refreshed token")
refreshed2 = public.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN",
                                  AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})["AuthenticationResult"]
c.true("IdToken" in refreshed2, "REFRESH_TOKEN alias works")

# A second session through the admin flow (signed).
admin_session = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "alice", "PASSWORD": "Final-Passw0rd!"})["AuthenticationResult"]
c.true(verify(admin_session["IdToken"], jwks)["origin_jti"] != id_claims["origin_jti"], "new session, new origin_jti")
legacy = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_NO_SRP_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": "Final-Passw0rd!"})["AuthenticationResult"]
c.true("AccessToken" in legacy, "ADMIN_NO_SRP_AUTH alias works")

# Sign out everywhere: every refresh token and access token of alice stops working.
public.global_sign_out(AccessToken=result["AccessToken"])
for token in (result["RefreshToken"], admin_session["RefreshToken"]):
    c.error(lambda: public.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": token}),
            "NotAuthorizedException", "Refresh Token has been revoked", "refresh after GlobalSignOut")
for token in (result["AccessToken"], refreshed["AccessToken"], admin_session["AccessToken"]):
    c.error(lambda: public.get_user(AccessToken=token), "NotAuthorizedException", "Access Token has been revoked", "GetUser after GlobalSignOut")
# The tokens themselves still verify: revocation is server state, as on AWS.
c.eq(verify(result["IdToken"], jwks)["sub"], sub, "old ID token still verifies")

# RevokeToken ends one session only.
s1 = public.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "alice", "PASSWORD": "Final-Passw0rd!"})["AuthenticationResult"]
s2 = public.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "alice", "PASSWORD": "Final-Passw0rd!"})["AuthenticationResult"]
public.revoke_token(Token=s1["RefreshToken"], ClientId=client_id)
c.error(lambda: public.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": s1["RefreshToken"]}),
        "NotAuthorizedException", "Refresh Token has been revoked", "refresh after RevokeToken")
c.error(lambda: public.get_user(AccessToken=s1["AccessToken"]), "NotAuthorizedException", "Access Token has been revoked", "GetUser after RevokeToken")
c.eq(public.get_user(AccessToken=s2["AccessToken"])["Username"], "alice", "other session unaffected")
c.error(lambda: public.revoke_token(Token=s2["AccessToken"], ClientId=client_id), "UnsupportedTokenTypeException", None, "revoking an access token")

# AdminUserGlobalSignOut.
idp.admin_user_global_sign_out(UserPoolId=pool_id, Username="alice")
c.error(lambda: public.get_user(AccessToken=s2["AccessToken"]), "NotAuthorizedException", "Access Token has been revoked", "after AdminUserGlobalSignOut")

# Client token validity settings drive exp.
short = idp.create_user_pool_client(
    UserPoolId=pool_id, ClientName="short", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AccessTokenValidity=5, IdTokenValidity=2, RefreshTokenValidity=1,
    TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours", "RefreshToken": "days"})["UserPoolClient"]
s3 = public.initiate_auth(ClientId=short["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "alice", "PASSWORD": "Final-Passw0rd!"})["AuthenticationResult"]
c.eq(s3["ExpiresIn"], 300, "ExpiresIn follows access validity")
short_access, short_id = verify(s3["AccessToken"], jwks), verify(s3["IdToken"], jwks)
c.eq(short_access["exp"] - short_access["iat"], 300, "5-minute access token")
c.eq(short_id["exp"] - short_id["iat"], 7200, "2-hour ID token")
c.eq(short_id["aud"], short["ClientId"], "aud is the signing-in client")

# Deleting the user revokes its sessions.
idp.admin_delete_user(UserPoolId=pool_id, Username="alice")
c.error(lambda: public.initiate_auth(ClientId=short["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": s3["RefreshToken"]}),
        "NotAuthorizedException", "Refresh Token has been revoked", "refresh after user deletion")
c.error(lambda: public.get_user(AccessToken=s3["AccessToken"]), "NotAuthorizedException", "Access Token has been revoked", "GetUser after user deletion")

done(c, poolId=pool_id, clientId=client_id, issuer=issuer, idClaims=sorted(id_claims), accessClaims=sorted(access_claims))
