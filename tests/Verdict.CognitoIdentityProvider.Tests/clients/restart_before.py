"""Before a restart: a pool, a client, a signed-in user; writes the tokens and the JWKS to a state file."""
import json
import sys

from common import Checks, client, done, get_json, verify

endpoint, state_file = sys.argv[1], sys.argv[2]
c = Checks()
idp = client(endpoint)
pool_id = idp.create_user_pool(PoolName="restart-pool")["UserPool"]["Id"]
client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="restart-app",
                                        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
idp.create_group(UserPoolId=pool_id, GroupName="staff")
idp.admin_create_user(UserPoolId=pool_id, Username="erin", MessageAction="SUPPRESS")
idp.admin_set_user_password(UserPoolId=pool_id, Username="erin", Password="Erin-Passw0rd!", Permanent=True)
idp.admin_add_user_to_group(UserPoolId=pool_id, Username="erin", GroupName="staff")
tokens = client(endpoint, signed=False).initiate_auth(
    ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "erin", "PASSWORD": "Erin-Passw0rd!"})["AuthenticationResult"]
jwks = get_json(f"{endpoint}/{pool_id}/.well-known/jwks.json")
c.eq(verify(tokens["IdToken"], jwks)["cognito:groups"], ["staff"], "groups before restart")
with open(state_file, "w") as f:
    json.dump({"poolId": pool_id, "clientId": client_id, "tokens": tokens, "jwks": jwks}, f)
done(c, poolId=pool_id)
