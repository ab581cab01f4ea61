"""Bad input gets Cognito's error types and messages: wrong password, unknown user, disabled user, bad secret hash,
weak password, duplicate user, deleted pool, model validation, disabled flows; plus sign-up and confirmation."""
import sys

from common import Checks, client, done
from joserfc import jwt  # noqa: F401  (imported to fail early if the library is missing)

import base64
import hashlib
import hmac

endpoint = sys.argv[1]
c = Checks()
idp = client(endpoint)
public = client(endpoint, signed=False)


def secret_hash(secret, username, client_id):
    return base64.b64encode(hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()).decode()


pool_id = idp.create_user_pool(PoolName="errors-pool", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
legacy = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="legacy", ExplicitAuthFlows=flows)["UserPoolClient"]
c.eq(legacy["PreventUserExistenceErrors"], "LEGACY", "API default for PreventUserExistenceErrors")
enabled = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="enabled", ExplicitAuthFlows=flows,
                                      PreventUserExistenceErrors="ENABLED")["UserPoolClient"]
secret_app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="secret", ExplicitAuthFlows=flows, GenerateSecret=True)["UserPoolClient"]
c.true(24 <= len(secret_app["ClientSecret"]) <= 64, "generated secret length")
srp_only = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="srp")["UserPoolClient"]
c.eq(sorted(srp_only["ExplicitAuthFlows"]), ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"], "default flows")

idp.admin_create_user(UserPoolId=pool_id, Username="bob", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS",
                      UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
idp.admin_set_user_password(UserPoolId=pool_id, Username="bob", Password="Right-Passw0rd!", Permanent=True)
c.eq(idp.admin_get_user(UserPoolId=pool_id, Username="bob")["UserStatus"], "CONFIRMED", "permanent password confirms")


def password_auth(app, username, password, extra=None):
    parameters = {"USERNAME": username, "PASSWORD": password}
    parameters.update(extra or {})
    return public.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters=parameters)


# Wrong password and unknown user.
c.error(lambda: password_auth(legacy, "bob", "Wrong-Passw0rd!"), "NotAuthorizedException", "Incorrect username or password.", "wrong password")
c.error(lambda: password_auth(legacy, "nobody", "Wrong-Passw0rd!"), "UserNotFoundException", "User does not exist.", "unknown user (LEGACY)")
c.error(lambda: password_auth(enabled, "nobody", "Wrong-Passw0rd!"), "NotAuthorizedException", "Incorrect username or password.",
        "unknown user (ENABLED) looks like a wrong password")
c.error(lambda: password_auth(srp_only, "bob", "Right-Passw0rd!"), "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client", "flow not enabled")
c.error(lambda: idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=srp_only["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "bob", "PASSWORD": "Right-Passw0rd!"}),
        "InvalidParameterException", "Auth flow not enabled for this client", "admin flow not enabled")
c.error(lambda: public.initiate_auth(ClientId=legacy["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": "not-a-token"}),
        "NotAuthorizedException", "Invalid Refresh Token", "unknown refresh token")
c.error(lambda: public.get_user(AccessToken="eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), "NotAuthorizedException", "Invalid Access Token", "forged access token")

# Disabled user: cannot sign in, enabling again restores it.
idp.admin_disable_user(UserPoolId=pool_id, Username="bob")
c.eq(idp.admin_get_user(UserPoolId=pool_id, Username="bob")["Enabled"], False, "disabled")
c.error(lambda: password_auth(legacy, "bob", "Right-Passw0rd!"), "NotAuthorizedException", "User is disabled.", "disabled user")
idp.admin_enable_user(UserPoolId=pool_id, Username="bob")
c.true("AuthenticationResult" in password_auth(legacy, "bob", "Right-Passw0rd!"), "enabled again")

# Secret hash.
good = secret_hash(secret_app["ClientSecret"], "bob", secret_app["ClientId"])
c.error(lambda: password_auth(secret_app, "bob", "Right-Passw0rd!"), "NotAuthorizedException",
        f"Client {secret_app['ClientId']} is configured with secret but SECRET_HASH was not received", "missing secret hash")
c.error(lambda: password_auth(secret_app, "bob", "Right-Passw0rd!", {"SECRET_HASH": secret_hash("wrong-secret", "bob", secret_app["ClientId"])}),
        "NotAuthorizedException", f"Unable to verify secret hash for client {secret_app['ClientId']}", "bad secret hash")
signed_in = password_auth(secret_app, "bob", "Right-Passw0rd!", {"SECRET_HASH": good})["AuthenticationResult"]
c.true("IdToken" in signed_in, "correct secret hash signs in")
refreshed = public.initiate_auth(ClientId=secret_app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                 AuthParameters={"REFRESH_TOKEN": signed_in["RefreshToken"], "SECRET_HASH": good})
c.true("AccessToken" in refreshed["AuthenticationResult"], "refresh with secret hash")
c.error(lambda: public.revoke_token(Token=signed_in["RefreshToken"], ClientId=secret_app["ClientId"]), "UnauthorizedException", None,
        "RevokeToken without the client secret")
public.revoke_token(Token=signed_in["RefreshToken"], ClientId=secret_app["ClientId"], ClientSecret=secret_app["ClientSecret"])
c.error(lambda: public.initiate_auth(ClientId=secret_app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                     AuthParameters={"REFRESH_TOKEN": signed_in["RefreshToken"], "SECRET_HASH": good}),
        "NotAuthorizedException", "Refresh Token has been revoked", "revoked with the client secret")

# Weak passwords, in each operation that sets one.
weak = [("short1!A", None), ("Sh0rt!", "Password not long enough"), ("NOLOWER-1", "Password must have lowercase characters"),
        ("noupper-1", "Password must have uppercase characters"), ("NoNumbers-", "Password must have numeric characters"),
        ("NoSymbols1", "Password must have symbol characters")]
for password, reason in weak:
    if reason is None:
        continue
    c.error(lambda: idp.admin_create_user(UserPoolId=pool_id, Username="weak", TemporaryPassword=password),
            "InvalidPasswordException", "Password does not conform to policy: " + reason, f"AdminCreateUser {password}")
    c.error(lambda: public.sign_up(ClientId=legacy["ClientId"], Username="weak", Password=password),
            "InvalidPasswordException", "Password did not conform with policy: " + reason, f"SignUp {password}")
c.error(lambda: idp.admin_set_user_password(UserPoolId=pool_id, Username="bob", Password="weakpass", Permanent=True),
        "InvalidPasswordException", "Password does not conform to policy: Password must have uppercase characters", "AdminSetUserPassword")

# Duplicate users.
c.error(lambda: idp.admin_create_user(UserPoolId=pool_id, Username="bob", TemporaryPassword="Temp-Passw0rd!"),
        "UsernameExistsException", "User account already exists", "duplicate AdminCreateUser")
c.error(lambda: public.sign_up(ClientId=legacy["ClientId"], Username="bob", Password="Other-Passw0rd!"),
        "UsernameExistsException", "User already exists", "duplicate SignUp")
c.error(lambda: idp.create_group(UserPoolId=pool_id, GroupName="g1") and idp.create_group(UserPoolId=pool_id, GroupName="g1"),
        "GroupExistsException", "A group with the name g1 already exists.", "duplicate group")

# Sign-up, confirmation, and what an unconfirmed user may do.
signed_up = public.sign_up(ClientId=legacy["ClientId"], Username="carol", Password="Carol-Passw0rd!",
                           UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
c.eq(signed_up["UserConfirmed"], False, "sign-up is unconfirmed")
c.eq(signed_up["CodeDeliveryDetails"], {"Destination": "c***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}, "delivery details")
c.error(lambda: password_auth(legacy, "carol", "Carol-Passw0rd!"), "UserNotConfirmedException", "User is not confirmed.", "unconfirmed sign-in")
c.error(lambda: public.confirm_sign_up(ClientId=legacy["ClientId"], Username="carol", ConfirmationCode="000000x"),
        "CodeMismatchException", "Invalid verification code provided, please try again.", "wrong code")
idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="carol")
c.eq(idp.admin_get_user(UserPoolId=pool_id, Username="carol")["UserStatus"], "CONFIRMED", "admin confirmed")
c.error(lambda: idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="carol"), "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED", "confirm twice")
c.true("AuthenticationResult" in password_auth(legacy, "carol", "Carol-Passw0rd!"), "confirmed user signs in")
c.error(lambda: public.sign_up(ClientId=secret_app["ClientId"], Username="dave", Password="Dave-Passw0rd!"),
        "NotAuthorizedException", f"Client {secret_app['ClientId']} is configured with secret but SECRET_HASH was not received", "sign-up without secret hash")

# Attributes, filters and user listing.
c.error(lambda: idp.admin_update_user_attributes(UserPoolId=pool_id, Username="bob", UserAttributes=[{"Name": "custom:nope", "Value": "x"}]),
        "InvalidParameterException", "Attributes did not conform to the schema: Type for attribute {custom:nope} could not be determined", "unknown attribute")
idp.admin_update_user_attributes(UserPoolId=pool_id, Username="bob", UserAttributes=[{"Name": "given_name", "Value": "Bob"}])
idp.admin_delete_user_attributes(UserPoolId=pool_id, Username="bob", UserAttributeNames=["given_name"])
c.true(all(a["Name"] != "given_name" for a in idp.admin_get_user(UserPoolId=pool_id, Username="bob")["UserAttributes"]), "attribute deleted")
c.eq([u["Username"] for u in idp.list_users(UserPoolId=pool_id, Filter='email = "bob@example.com"')["Users"]], ["bob"], "exact filter")
c.eq([u["Username"] for u in idp.list_users(UserPoolId=pool_id, Filter='username ^= "ca"')["Users"]], ["carol"], "prefix filter")
c.eq(len(idp.list_users(UserPoolId=pool_id, Filter='cognito:user_status = "confirmed"')["Users"]), 2, "status filter is case-insensitive")
c.error(lambda: idp.list_users(UserPoolId=pool_id, Filter="email = bob"), "InvalidParameterException", "Error while parsing filter.", "bad filter")
page = idp.list_users(UserPoolId=pool_id, Limit=1)
c.eq(len(page["Users"]), 1, "page size")
c.eq([u["Username"] for u in idp.list_users(UserPoolId=pool_id, Limit=1, PaginationToken=page["PaginationToken"])["Users"]], ["carol"], "second page")

# Unknown users in admin calls, unknown groups.
c.error(lambda: idp.admin_get_user(UserPoolId=pool_id, Username="nobody"), "UserNotFoundException", "User does not exist.", "AdminGetUser")
c.error(lambda: idp.admin_add_user_to_group(UserPoolId=pool_id, Username="bob", GroupName="nogroup"), "ResourceNotFoundException",
        "Group not found.", "unknown group")

# Model validation: Cognito's wording.
e = c.error(lambda: idp.describe_user_pool(UserPoolId="bad!"), "InvalidParameterException", None, "bad pool id")
c.eq(e.response["Error"]["Message"],
     "1 validation error detected: Value 'bad!' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
     "validation message")

# Deleted pool: everything under it is gone.
idp.delete_user_pool(UserPoolId=pool_id)
c.error(lambda: idp.describe_user_pool(UserPoolId=pool_id), "ResourceNotFoundException", f"User pool {pool_id} does not exist.", "deleted pool")
c.error(lambda: idp.admin_get_user(UserPoolId=pool_id, Username="bob"), "ResourceNotFoundException", f"User pool {pool_id} does not exist.", "user of deleted pool")
c.error(lambda: password_auth(legacy, "bob", "Right-Passw0rd!"), "ResourceNotFoundException",
        f"User pool client {legacy['ClientId']} does not exist.", "client of deleted pool")
c.error(lambda: public.get_user(AccessToken=refreshed["AuthenticationResult"]["AccessToken"]), "NotAuthorizedException", "Invalid Access Token",
        "token of deleted pool")

# Deletion protection.
protected = idp.create_user_pool(PoolName="protected", DeletionProtection="ACTIVE")["UserPool"]["Id"]
c.error(lambda: idp.delete_user_pool(UserPoolId=protected), "InvalidParameterException", None, "deletion protection")
idp.update_user_pool(UserPoolId=protected, DeletionProtection="INACTIVE")
idp.delete_user_pool(UserPoolId=protected)

done(c)
