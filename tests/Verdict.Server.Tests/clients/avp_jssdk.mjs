// The AWS SDK for JavaScript v3 (@aws-sdk/client-verifiedpermissions, pinned in package-lock.json) against a
// started Verdict. usage: node avp_jssdk.mjs ENDPOINT ; prints "jssdk: ok" or throws.
import assert from 'node:assert/strict';
import {
  VerifiedPermissionsClient, CreatePolicyStoreCommand, GetPolicyStoreCommand, ListPolicyStoresCommand,
  UpdatePolicyStoreCommand, DeletePolicyStoreCommand, TagResourceCommand, UntagResourceCommand,
  ListTagsForResourceCommand, CreatePolicyStoreAliasCommand, GetPolicyStoreAliasCommand,
  paginateListPolicyStores, ResourceNotFoundException, ValidationException, InvalidStateException,
} from '@aws-sdk/client-verifiedpermissions';

const endpoint = process.argv[2];
const client = new VerifiedPermissionsClient({
  endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const created = await client.send(new CreatePolicyStoreCommand({
  validationSettings: { mode: 'STRICT' }, description: 'js sdk', tags: { team: 'web' },
}));
assert.match(created.policyStoreId, /^[A-Za-z0-9]{22}$/);
assert.equal(created.arn, `arn:aws:verifiedpermissions::000000000000:policy-store/${created.policyStoreId}`);
assert.ok(created.createdDate instanceof Date, 'createdDate is parsed as an ISO-8601 timestamp');

const got = await client.send(new GetPolicyStoreCommand({ policyStoreId: created.policyStoreId, tags: true }));
assert.equal(got.description, 'js sdk');
assert.equal(got.validationSettings.mode, 'STRICT');
assert.deepEqual(got.tags, { team: 'web' });

await client.send(new UpdatePolicyStoreCommand({
  policyStoreId: created.policyStoreId, validationSettings: { mode: 'OFF' }, deletionProtection: 'ENABLED',
}));
await assert.rejects(client.send(new DeletePolicyStoreCommand({ policyStoreId: created.policyStoreId })),
  (e) => e instanceof InvalidStateException && e.$metadata.httpStatusCode >= 400);

await client.send(new TagResourceCommand({ resourceArn: created.arn, tags: { env: 'test' } }));
await client.send(new UntagResourceCommand({ resourceArn: created.arn, tagKeys: ['team'] }));
const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: created.arn }));
assert.deepEqual(tags.tags, { env: 'test' });

const aliasName = `policy-store-alias/js-${created.policyStoreId.toLowerCase()}`;
await client.send(new CreatePolicyStoreAliasCommand({ aliasName, policyStoreId: created.policyStoreId }));
const alias = await client.send(new GetPolicyStoreAliasCommand({ aliasName }));
assert.equal(alias.policyStoreId, created.policyStoreId);
assert.equal(alias.state, 'Active');
const viaAlias = await client.send(new GetPolicyStoreCommand({ policyStoreId: aliasName }));
assert.equal(viaAlias.policyStoreId, created.policyStoreId);

for (let i = 0; i < 3; i++) {
  await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'OFF' } }));
}
const seen = [];
for await (const page of paginateListPolicyStores({ client, pageSize: 2 }, {})) {
  assert.ok(page.policyStores.length <= 2);
  seen.push(...page.policyStores.map((s) => s.policyStoreId));
}
assert.ok(seen.includes(created.policyStoreId));
assert.equal(new Set(seen).size, seen.length, 'pages do not repeat stores');
const direct = await client.send(new ListPolicyStoresCommand({ maxResults: 50 }));
assert.ok(direct.policyStores.length >= 4);

await assert.rejects(client.send(new GetPolicyStoreCommand({ policyStoreId: 'PSEXAMPLEabcdefg111111' })), (e) => {
  assert.ok(e instanceof ResourceNotFoundException, e.name);
  assert.equal(e.resourceId, 'PSEXAMPLEabcdefg111111');
  assert.equal(e.resourceType, 'POLICY_STORE');
  return true;
});
await assert.rejects(client.send(new GetPolicyStoreCommand({ policyStoreId: 'bad id!' })), (e) => {
  assert.ok(e instanceof ValidationException, e.name);
  assert.ok(Array.isArray(e.fieldList) && e.fieldList[0].path === 'policyStoreId', JSON.stringify(e.fieldList));
  return true;
});
console.log('jssdk: ok');
