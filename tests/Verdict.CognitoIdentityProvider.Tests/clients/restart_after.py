"""After a restart: the same keys are served, old tokens verify against them, and the old session still works."""
import json
import sys

from common import Checks, client, done, get_json, verify

endpoint, state_file = sys.argv[1], sys.argv[2]
c = Checks()
with open(state_file) as f:
    state = json.load(f)
pool_id, client_id, tokens = state["poolId"], state["clientId"], state["tokens"]
jwks = get_json(f"{endpoint}/{pool_id}/.well-known/jwks.json")
c.eq(jwks, state["jwks"], "the JWKS survives the restart unchanged")
c.eq(verify(tokens["IdToken"], jwks)["cognito:username"], "erin", "old ID token verifies")
c.eq(verify(tokens["AccessToken"], jwks)["username"], "erin", "old access token verifies")
public = client(endpoint, signed=False)
c.eq(public.get_user(AccessToken=tokens["AccessToken"])["Username"], "erin", "GetUser with a pre-restart access token")
refreshed = public.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                 AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
c.eq(verify(refreshed["IdToken"], jwks)["origin_jti"], verify(tokens["IdToken"], jwks)["origin_jti"], "pre-restart refresh token still works")
c.eq(client(endpoint).describe_user_pool(UserPoolId=pool_id)["UserPool"]["EstimatedNumberOfUsers"], 1, "users survive")
done(c, poolId=pool_id)
