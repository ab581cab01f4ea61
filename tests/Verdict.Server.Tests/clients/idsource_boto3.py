"""Identity sources through boto3, as the user's documents (the 2024-04-04 groupConfiguration change) show them.

Usage: idsource_boto3.py ENDPOINT SCENARIO
"""
import datetime

from avp_client import SCENARIO, client, expect_error

SEED_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_1a2b3c4d5"
SEED_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_1a2b3c4d5"
SEED_CLIENT = "a1b2c3d4e5f6g7h8i9j0kalbmc"


def new_store(avp):
    return avp.create_policy_store(validationSettings={"mode": "OFF"})["policyStoreId"]


def strip(response):
    response = dict(response)
    response.pop("ResponseMetadata", None)
    return response


def seeds():
    avp = client()
    store = new_store(avp)
    # create_identity_source with the request syntax of the 2024-04-04 change and its configuration example.
    created = strip(avp.create_identity_source(
        clientToken="seed-create-1",
        policyStoreId=store,
        configuration={
            "cognitoUserPoolConfiguration": {
                "userPoolArn": SEED_ARN,
                "clientIds": [SEED_CLIENT],
                "groupConfiguration": {"groupEntityType": "MyCorp::Group"},
            }
        },
        principalEntityType="MyCorp::User",
    ))
    assert sorted(created) == ["createdDate", "identitySourceId", "lastUpdatedDate", "policyStoreId"], created
    assert isinstance(created["createdDate"], datetime.datetime), created
    assert created["createdDate"].tzinfo is not None
    assert created["policyStoreId"] == store
    source = created["identitySourceId"]

    got = strip(avp.get_identity_source(policyStoreId=store, identitySourceId=source))
    assert got["details"] == {
        "clientIds": [SEED_CLIENT],
        "userPoolArn": SEED_ARN,
        "discoveryUrl": SEED_ISSUER + "/.well-known/openid-configuration",
        "openIdIssuer": "COGNITO",
    }, got
    assert got["configuration"] == {
        "cognitoUserPoolConfiguration": {
            "userPoolArn": SEED_ARN,
            "clientIds": [SEED_CLIENT],
            "issuer": SEED_ISSUER,
            "groupConfiguration": {"groupEntityType": "MyCorp::Group"},
        }
    }, got
    assert got["principalEntityType"] == "MyCorp::User"
    assert got["createdDate"] == created["createdDate"] and got["lastUpdatedDate"] == created["lastUpdatedDate"]

    # list_identity_sources with the documented request syntax; the paginator too.
    listed = avp.list_identity_sources(policyStoreId=store, maxResults=123, filters=[{"principalEntityType": "MyCorp::User"}])
    assert "nextToken" not in listed
    assert [strip(i) for i in listed["identitySources"]] == [got], listed
    assert avp.list_identity_sources(policyStoreId=store, filters=[{"principalEntityType": "User"}])["identitySources"] == []
    pages = list(avp.get_paginator("list_identity_sources").paginate(policyStoreId=store, PaginationConfig={"PageSize": 1}))
    assert [i["identitySourceId"] for p in pages for i in p["identitySources"]] == [source]

    # A retry with the same client token answers the first response; a second source is over the quota.
    again = strip(avp.create_identity_source(
        clientToken="seed-create-1", policyStoreId=store,
        configuration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN, "clientIds": [SEED_CLIENT],
                                                         "groupConfiguration": {"groupEntityType": "MyCorp::Group"}}},
        principalEntityType="MyCorp::User"))
    assert again == created, (again, created)
    expect_error("ConflictException", avp.create_identity_source, clientToken="seed-create-1", policyStoreId=store,
                 configuration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN}})
    response = expect_error("ServiceQuotaExceededException", avp.create_identity_source, policyStoreId=store,
                            configuration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN}})
    assert response["resourceType"] == "IDENTITY_SOURCE", response

    # update_identity_source with the request syntax of the boto3 page (userPoolArn and clientIds, no group type).
    updated = strip(avp.update_identity_source(
        policyStoreId=store,
        identitySourceId=source,
        updateConfiguration={
            "cognitoUserPoolConfiguration": {
                "userPoolArn": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_1a2b3c4d5",
                "clientIds": ["client-one", "client-two"],
            }
        },
        principalEntityType="Employee",
    ))
    assert sorted(updated) == ["createdDate", "identitySourceId", "lastUpdatedDate", "policyStoreId"], updated
    assert updated["createdDate"] == created["createdDate"]
    assert updated["lastUpdatedDate"] >= created["lastUpdatedDate"]
    got = avp.get_identity_source(policyStoreId=store, identitySourceId=source)
    assert got["principalEntityType"] == "Employee"
    assert got["configuration"]["cognitoUserPoolConfiguration"] == {
        "userPoolArn": "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_1a2b3c4d5",
        "clientIds": ["client-one", "client-two"],
        "issuer": "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_1a2b3c4d5",
    }, got

    # update_identity_source with the groupConfiguration of the 2024-04-04 change; the principal type stays.
    avp.update_identity_source(
        policyStoreId=store, identitySourceId=source,
        updateConfiguration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN, "groupConfiguration": {"groupEntityType": "MyCorp::Group"}}})
    got = avp.get_identity_source(policyStoreId=store, identitySourceId=source)
    assert got["principalEntityType"] == "Employee"
    assert got["configuration"]["cognitoUserPoolConfiguration"]["groupConfiguration"] == {"groupEntityType": "MyCorp::Group"}
    assert got["configuration"]["cognitoUserPoolConfiguration"]["clientIds"] == []

    avp.delete_identity_source(policyStoreId=store, identitySourceId=source)
    expect_error("ResourceNotFoundException", avp.get_identity_source, policyStoreId=store, identitySourceId=source)
    assert avp.list_identity_sources(policyStoreId=store)["identitySources"] == []


def oidc():
    avp = client()
    store = new_store(avp)
    configuration = {
        "openIdConnectConfiguration": {
            "issuer": "https://auth.example.com",
            "entityIdPrefix": "MyOIDCProvider",
            "groupConfiguration": {"groupClaim": "groups", "groupEntityType": "MyCorp::UserGroup"},
            "tokenSelection": {"identityTokenOnly": {"principalIdClaim": "email", "clientIds": ["1example23456789"]}},
        }
    }
    source = avp.create_identity_source(policyStoreId=store, configuration=configuration, principalEntityType="MyCorp::User")["identitySourceId"]
    got = avp.get_identity_source(policyStoreId=store, identitySourceId=source)
    assert got["configuration"] == configuration, got
    assert "details" not in got
    listed = avp.list_identity_sources(policyStoreId=store)["identitySources"]
    assert listed[0]["configuration"] == configuration


def errors():
    avp = client()
    store = new_store(avp)
    expect_error("ResourceNotFoundException", avp.create_identity_source, policyStoreId="PSEXAMPLEabcdefg111111",
                 configuration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN}})
    response = expect_error("ValidationException", avp.create_identity_source, policyStoreId=store,
                            configuration={"cognitoUserPoolConfiguration": {"userPoolArn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/bad"}})
    assert response["fieldList"][0]["path"] == "configuration.cognitoUserPoolConfiguration.userPoolArn", response
    expect_error("ValidationException", avp.create_identity_source, policyStoreId=store,
                 configuration={"openIdConnectConfiguration": {"issuer": "http://insecure.example.com", "tokenSelection": {"identityTokenOnly": {}}}})
    expect_error("ValidationException", avp.list_identity_sources, policyStoreId=store, maxResults=201)
    expect_error("ResourceNotFoundException", avp.update_identity_source, policyStoreId=store, identitySourceId="ISEXAMPLEabcdefg111111",
                 updateConfiguration={"cognitoUserPoolConfiguration": {"userPoolArn": SEED_ARN}})


{"seeds": seeds, "oidc": oidc, "errors": errors}[SCENARIO]()
print(f"{SCENARIO}: ok")
