"""IsAuthorizedWithToken end to end with boto3: a Verdict user pool, an app client and users in groups sign in; an
identity source maps the pool to MyCorp::User with groups MyCorp::Group; policies decide by group membership, by ID
token attributes and by access token scopes. Then every kind of bad token is refused, each with its own message.

Usage: idsource_tokens_boto3.py ENDPOINT SCENARIO
"""
import base64
import hashlib
import hmac
import json

import boto3
from botocore.config import Config

from avp_client import ENDPOINT, SCENARIO, client, expect_error


def idp_client():
    return boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parts(token):
    header, payload, signature = token.split(".")
    return json.loads(unb64(header)), json.loads(unb64(payload)), signature


def forge(header, payload, signature):
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}.{signature}"


class World:
    def __init__(self):
        self.idp = idp_client()
        self.avp = client()
        pool = self.idp.create_user_pool(
            PoolName="avp-pool", Schema=[{"Name": "costCenter", "AttributeDataType": "String", "Mutable": True}])["UserPool"]
        self.pool_id = pool["Id"]
        self.pool_arn = pool["Arn"]
        self.client_id = self.idp.create_user_pool_client(
            UserPoolId=self.pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
        self.other_client_id = self.idp.create_user_pool_client(
            UserPoolId=self.pool_id, ClientName="other", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
        for group in ("admins", "readers"):
            self.idp.create_group(UserPoolId=self.pool_id, GroupName=group)
        self.add_user("alice", "Finance-East", ["admins", "readers"])
        self.add_user("bob", "Sales", ["readers"])

        self.store = self.avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
        self.source = self.avp.create_identity_source(
            policyStoreId=self.store,
            configuration={"cognitoUserPoolConfiguration": {
                "userPoolArn": self.pool_arn, "clientIds": [self.client_id], "groupConfiguration": {"groupEntityType": "MyCorp::Group"}}},
            principalEntityType="MyCorp::User")["identitySourceId"]
        statements = {
            "admins": f'permit(principal in MyCorp::Group::"{self.pool_id}|admins", action, resource);',
            "readers": f'permit(principal in MyCorp::Group::"{self.pool_id}|readers", action == Action::"view", resource);',
            "finance": 'permit(principal, action == Action::"audit", resource) when { principal has custom && principal.custom.costCenter like "Finance*" };',
            "username": 'permit(principal, action == Action::"rename", resource) when { principal has "cognito:username" && principal["cognito:username"] == "bob" };',
            "scope": 'permit(principal, action == Action::"profile", resource) when { context has token && context.token.scope.contains("aws.cognito.signin.user.admin") };',
        }
        self.policies = {}
        for name, statement in statements.items():
            self.policies[name] = self.avp.create_policy(policyStoreId=self.store, definition={"static": {"statement": statement}})["policyId"]

    def add_user(self, name, cost_center, groups):
        self.idp.admin_create_user(UserPoolId=self.pool_id, Username=name, MessageAction="SUPPRESS",
                                   UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}, {"Name": "custom:costCenter", "Value": cost_center}])
        self.idp.admin_set_user_password(UserPoolId=self.pool_id, Username=name, Password="Passw0rd!Passw0rd", Permanent=True)
        for group in groups:
            self.idp.admin_add_user_to_group(UserPoolId=self.pool_id, Username=name, GroupName=group)

    def sign_in(self, name, client_id=None):
        result = self.idp.initiate_auth(ClientId=client_id or self.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": name, "PASSWORD": "Passw0rd!Passw0rd"})["AuthenticationResult"]
        return result["IdToken"], result["AccessToken"]

    def sub(self, name):
        return next(a["Value"] for a in self.idp.admin_get_user(UserPoolId=self.pool_id, Username=name)["UserAttributes"] if a["Name"] == "sub")

    def decide(self, action, **tokens):
        answer = self.avp.is_authorized_with_token(
            policyStoreId=self.store, action={"actionType": "Action", "actionId": action},
            resource={"entityType": "Doc", "entityId": "report"}, **tokens)
        return answer["decision"], [p["policyId"] for p in answer["determiningPolicies"]], answer.get("principal")


def decisions():
    w = World()
    alice_id, alice_access = w.sign_in("alice")
    bob_id, bob_access = w.sign_in("bob")
    alice = {"entityType": "MyCorp::User", "entityId": f"{w.pool_id}|{w.sub('alice')}"}
    bob = {"entityType": "MyCorp::User", "entityId": f"{w.pool_id}|{w.sub('bob')}"}

    # Groups decide, with the ID token, the access token, or both.
    for tokens in ({"identityToken": alice_id}, {"accessToken": alice_access}, {"identityToken": alice_id, "accessToken": alice_access}):
        decision, determining, principal = w.decide("delete", **tokens)
        assert (decision, principal) == ("ALLOW", alice), (tokens.keys(), decision, principal)
        assert determining == [w.policies["admins"]], determining
    for tokens in ({"identityToken": bob_id}, {"accessToken": bob_access}):
        assert w.decide("delete", **tokens)[:2] == ("DENY", []), tokens.keys()
        assert w.decide("view", **tokens) == ("ALLOW", [w.policies["readers"]], bob), tokens.keys()

    # ID-token attributes: custom:costCenter through dot notation, cognito:username through brackets.
    assert w.decide("audit", identityToken=alice_id)[0] == "ALLOW"
    assert w.decide("audit", identityToken=bob_id)[0] == "DENY"
    assert w.decide("audit", accessToken=alice_access)[1] == [w.policies["admins"]], "an access token gives no principal attributes"
    assert w.decide("rename", identityToken=bob_id)[:2] == ("ALLOW", [w.policies["username"]])
    assert w.decide("rename", identityToken=alice_id)[1] == [w.policies["admins"]], "alice's username is not bob"

    # Access-token claims: context.token.scope is a set of the token's scopes.
    assert w.decide("profile", accessToken=bob_access)[:2] == ("ALLOW", [w.policies["scope"]])
    assert w.decide("profile", identityToken=bob_id)[0] == "DENY", "an ID token gives no context.token"

    # Removing bob from readers changes the decision for his next token; the old token keeps its groups until it expires.
    w.idp.admin_remove_user_from_group(UserPoolId=w.pool_id, Username="bob", GroupName="readers")
    new_bob_id, new_bob_access = w.sign_in("bob")
    assert w.decide("view", identityToken=new_bob_id)[0] == "DENY"
    assert w.decide("view", accessToken=new_bob_access)[0] == "DENY"
    assert w.decide("view", identityToken=bob_id)[0] == "ALLOW"

    # BatchIsAuthorizedWithToken: one token, many requests, the principal once.
    batch = w.avp.batch_is_authorized_with_token(
        policyStoreId=w.store, identityToken=alice_id,
        requests=[{"action": {"actionType": "Action", "actionId": a}, "resource": {"entityType": "Doc", "entityId": "r"}} for a in ("view", "audit", "rename")])
    assert batch["principal"] == alice, batch
    assert [r["decision"] for r in batch["results"]] == ["ALLOW", "ALLOW", "ALLOW"], batch
    assert batch["results"][1]["request"] == {"action": {"actionType": "Action", "actionId": "audit"}, "resource": {"entityType": "Doc", "entityId": "r"}}
    batch = w.avp.batch_is_authorized_with_token(
        policyStoreId=w.store, accessToken=new_bob_access,
        requests=[{"action": {"actionType": "Action", "actionId": a}, "resource": {"entityType": "Doc", "entityId": "r"}} for a in ("view", "profile")])
    assert [r["decision"] for r in batch["results"]] == ["DENY", "ALLOW"], batch

    # Entities: resources may come with the request; the principal's and groups' types may not.
    answer = w.avp.is_authorized_with_token(
        policyStoreId=w.store, identityToken=bob_id, action={"actionType": "Action", "actionId": "view"},
        resource={"entityType": "Doc", "entityId": "report"},
        entities={"entityList": [{"identifier": {"entityType": "Doc", "entityId": "report"}, "attributes": {"owner": {"string": "bob"}}}]})
    assert answer["decision"] == "ALLOW", answer
    for entity in ({"entityType": "MyCorp::User", "entityId": alice["entityId"]}, {"entityType": "MyCorp::Group", "entityId": f"{w.pool_id}|admins"}):
        response = expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=w.store, identityToken=bob_id,
                                action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "report"},
                                entities={"entityList": [{"identifier": entity}]})
        assert response["fieldList"][0]["path"] == "entities", response
    # With only an access token, the principal itself may be passed to give it attributes (the documented exception).
    answer = w.avp.is_authorized_with_token(
        policyStoreId=w.store, accessToken=alice_access, action={"actionType": "Action", "actionId": "audit"},
        resource={"entityType": "Doc", "entityId": "report"},
        entities={"entityList": [{"identifier": alice, "attributes": {"custom": {"record": {"costCenter": {"string": "Finance-West"}}}}}]})
    assert answer["decision"] == "ALLOW", answer

    # Deleting the identity source stops token authorization.
    w.avp.delete_identity_source(policyStoreId=w.store, identitySourceId=w.source)
    response = expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=w.store, identityToken=alice_id,
                            action={"actionType": "Action", "actionId": "view"}, resource={"entityType": "Doc", "entityId": "r"})
    assert "no identity source" in response["Error"]["Message"], response


def refusals():
    w = World()
    id_token, access_token = w.sign_in("alice")
    other_id, other_access = w.sign_in("alice", w.other_client_id)
    header, payload, signature = parts(id_token)
    jwks = json.load(__import__("urllib.request").request.urlopen(f"{ENDPOINT}/{w.pool_id}/.well-known/jwks.json", timeout=30))
    public_n = unb64(jwks["keys"][0]["n"])

    tampered_payload = forge(header, {**payload, "custom:costCenter": "Finance-Forged"}, signature)
    flipped = signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")
    tampered_signature = f"{id_token.rsplit('.', 1)[0]}.{flipped}"
    alg_none = forge({**header, "alg": "none"}, payload, "AAAA")  # the model's pattern needs a third segment
    hs_header = {**header, "alg": "HS256"}
    hs_input = f"{b64(json.dumps(hs_header).encode())}.{b64(json.dumps(payload).encode())}"
    hs256 = f"{hs_input}.{b64(hmac.new(public_n, hs_input.encode(), hashlib.sha256).digest())}"
    unknown_kid = forge({**header, "kid": "no-such-key"}, payload, signature)
    oversized = forge(header, {**payload, "padding": "x" * 60_000}, signature)
    beyond_model = forge(header, {**payload, "padding": "x" * 100_000}, signature)

    cases = [
        ("identityToken", tampered_payload, "signature"),
        ("identityToken", tampered_signature, "signature"),
        ("identityToken", alg_none, "alg none"),
        ("identityToken", hs256, "HS256"),
        ("identityToken", unknown_kid, "kid"),
        ("identityToken", "garbage.garbage.garbage", "format"),
        ("identityToken", oversized, "longer than"),
        ("identityToken", beyond_model, "less than or equal to 131072"),
        ("identityToken", other_id, "audience"),
        ("accessToken", other_access, "audience"),
        ("identityToken", access_token, "token_use"),
        ("accessToken", id_token, "token_use"),
    ]
    messages = set()
    for parameter, token, expected in cases:
        response = expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=w.store, **{parameter: token},
                                action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})
        message = response["Error"]["Message"]
        assert expected in message, (expected, message)
        assert response["fieldList"][0]["path"] == parameter, response
        assert token not in message
        messages.add(message)
    assert len(messages) >= 10, messages

    # A source for another pool refuses this pool's tokens (issuer).
    other_pool = w.idp.create_user_pool(PoolName="other-pool")["UserPool"]
    store = w.avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
    w.avp.create_identity_source(policyStoreId=store, configuration={"cognitoUserPoolConfiguration": {"userPoolArn": other_pool["Arn"]}})
    response = expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=store, identityToken=id_token,
                            action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})
    assert "issuer" in response["Error"]["Message"], response

    # The same ARN in another account is not this Verdict's pool of account 000000000000.
    foreign_arn = w.pool_arn.replace(":000000000000:", ":123456789012:")
    store = w.avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
    w.avp.create_identity_source(policyStoreId=store, configuration={"cognitoUserPoolConfiguration": {"userPoolArn": foreign_arn}})
    response = expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=store, identityToken=id_token,
                            action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})
    assert "account" in response["Error"]["Message"], response

    # No token at all; a store that does not exist.
    expect_error("ValidationException", w.avp.is_authorized_with_token, policyStoreId=w.store,
                 action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})
    expect_error("ResourceNotFoundException", w.avp.is_authorized_with_token, policyStoreId="PSEXAMPLEabcdefg111111", identityToken=id_token,
                 action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})

    # With no client ids configured, any client of the pool is accepted.
    store = w.avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
    w.avp.create_identity_source(policyStoreId=store, configuration={"cognitoUserPoolConfiguration": {"userPoolArn": w.pool_arn}})
    w.avp.create_policy(policyStoreId=store, definition={"static": {"statement": f'permit(principal in AWS::CognitoGroup::"{w.pool_id}|admins", action, resource);'}})
    answer = w.avp.is_authorized_with_token(policyStoreId=store, identityToken=other_id,
                                            action={"actionType": "Action", "actionId": "delete"}, resource={"entityType": "Doc", "entityId": "r"})
    assert answer["decision"] == "ALLOW" and answer["principal"]["entityType"] == "AWS::Cognito", answer


def schema():
    """A STRICT store with a schema: token claims are fitted to the declared attributes and context."""
    w = World()
    schema = {"MyCorp": {
        "entityTypes": {
            "User": {"memberOfTypes": ["Group"], "shape": {"type": "Record", "attributes": {
                "email": {"type": "String", "required": False},
                "cognito:username": {"type": "String", "required": False},
                "custom": {"type": "Record", "required": False, "attributes": {"costCenter": {"type": "String", "required": False}}}}}},
            "Group": {},
            "Doc": {},
        },
        "actions": {
            "view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}},
            "edit": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"], "context": {"type": "Record", "attributes": {
                "token": {"type": "Record", "required": False, "attributes": {
                    "scope": {"type": "Set", "element": {"type": "String"}}, "client_id": {"type": "String"}}}}}}},
        }}}
    store = w.avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]
    w.avp.put_schema(policyStoreId=store, definition={"cedarJson": json.dumps(schema)})
    w.avp.update_policy_store(policyStoreId=store, validationSettings={"mode": "STRICT"})
    w.avp.create_identity_source(policyStoreId=store, principalEntityType="MyCorp::User", configuration={"cognitoUserPoolConfiguration": {
        "userPoolArn": w.pool_arn, "clientIds": [w.client_id], "groupConfiguration": {"groupEntityType": "MyCorp::Group"}}})
    for statement in (
        f'permit(principal in MyCorp::Group::"{w.pool_id}|admins", action == MyCorp::Action::"view", resource);',
        'permit(principal, action == MyCorp::Action::"view", resource) when { principal has custom && principal.custom has costCenter && principal.custom.costCenter like "Sales*" };',
        'permit(principal, action == MyCorp::Action::"edit", resource) when { context has token && context.token.scope.contains("aws.cognito.signin.user.admin") };',
    ):
        w.avp.create_policy(policyStoreId=store, definition={"static": {"statement": statement}})

    def decide(action, **tokens):
        return w.avp.is_authorized_with_token(policyStoreId=store, action={"actionType": "MyCorp::Action", "actionId": action},
                                              resource={"entityType": "MyCorp::Doc", "entityId": "d"}, **tokens)

    alice_id, alice_access = w.sign_in("alice")
    bob_id, bob_access = w.sign_in("bob")
    assert decide("view", identityToken=alice_id)["decision"] == "ALLOW"  # admins
    answer = decide("view", identityToken=bob_id)
    assert answer["decision"] == "ALLOW" and answer["errors"] == [], answer  # custom.costCenter Sales, other claims left out
    assert decide("view", accessToken=bob_access)["decision"] == "DENY"  # no attributes from an access token
    assert decide("edit", accessToken=bob_access)["decision"] == "ALLOW"  # context.token fitted to the declared record
    assert decide("edit", identityToken=bob_id)["decision"] == "DENY"
    both = decide("edit", identityToken=alice_id, accessToken=alice_access)
    assert both["decision"] == "ALLOW", both


{"decisions": decisions, "refusals": refusals, "schema": schema}[SCENARIO]()
print(f"{SCENARIO}: ok")
