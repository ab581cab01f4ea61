// The AWS SDK for JavaScript v3 (@aws-sdk/client-verifiedpermissions, pinned in package-lock.json) against a
// started Verdict. usage: node avp_jssdk.mjs ENDPOINT SCENARIO (stores | policies | authorization);
// prints "jssdk SCENARIO: ok" or throws.
import assert from 'node:assert/strict';
import {
  VerifiedPermissionsClient, CreatePolicyStoreCommand, GetPolicyStoreCommand, ListPolicyStoresCommand,
  UpdatePolicyStoreCommand, DeletePolicyStoreCommand, TagResourceCommand, UntagResourceCommand,
  ListTagsForResourceCommand, CreatePolicyStoreAliasCommand, GetPolicyStoreAliasCommand,
  paginateListPolicyStores, ResourceNotFoundException, ValidationException, InvalidStateException,
  CreatePolicyCommand, GetPolicyCommand, UpdatePolicyCommand, DeletePolicyCommand, ListPoliciesCommand, paginateListPolicies,
  BatchGetPolicyCommand, CreatePolicyTemplateCommand, GetPolicyTemplateCommand, UpdatePolicyTemplateCommand,
  DeletePolicyTemplateCommand, ListPolicyTemplatesCommand, PutSchemaCommand, GetSchemaCommand, IsAuthorizedCommand,
  BatchIsAuthorizedCommand, ConflictException, ServiceQuotaExceededException,
} from '@aws-sdk/client-verifiedpermissions';

const endpoint = process.argv[2];
const scenario = process.argv[3] ?? 'stores';
const client = new VerifiedPermissionsClient({
  endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

async function stores() {
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
    (e) => e instanceof InvalidStateException && e.$metadata.httpStatusCode === 406);

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
}
async function newStore(mode = 'OFF') {
  return (await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode } }))).policyStoreId;
}

// Asserts that `promise` rejects with the SDK's typed error `type` and the given HTTP status; returns the error.
async function rejectsWith(promise, type, status) {
  let caught;
  await assert.rejects(promise, (e) => { caught = e; return true; });
  assert.ok(caught instanceof type, `${caught.name}: ${caught.message}`);
  assert.equal(caught.$metadata.httpStatusCode, status);
  return caught;
}

async function policies() {
  const policyStoreId = await newStore();
  const schema = {
    App: {
      entityTypes: { User: {}, Doc: {} },
      actions: { read: { appliesTo: { principalTypes: ['User'], resourceTypes: ['Doc'] } } },
    },
  };
  const put = await client.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: JSON.stringify(schema) } }));
  assert.deepEqual(put.namespaces, ['App']);
  assert.ok(put.createdDate instanceof Date);
  const storedSchema = await client.send(new GetSchemaCommand({ policyStoreId }));
  assert.deepEqual(JSON.parse(storedSchema.schema), schema);
  await rejectsWith(client.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: '{"aws":{"entityTypes":{},"actions":{}}}' } })),
    ValidationException, 400);

  const statement = 'permit(principal == App::User::"alice", action == App::Action::"read", resource);';
  const created = await client.send(new CreatePolicyCommand({
    policyStoreId, name: 'name/alice-reads', definition: { static: { statement, description: 'alice' } },
  }));
  assert.equal(created.policyType, 'STATIC');
  assert.deepEqual(created.principal, { entityType: 'App::User', entityId: 'alice' });
  assert.deepEqual(created.actions, [{ actionType: 'App::Action', actionId: 'read' }]);
  assert.equal(created.effect, 'Permit');
  assert.ok(created.lastUpdatedDate instanceof Date);
  const byName = await client.send(new GetPolicyCommand({ policyStoreId, policyId: 'name/alice-reads' }));
  assert.equal(byName.policyId, created.policyId);
  assert.deepEqual(byName.definition.static, { statement, description: 'alice' });
  await rejectsWith(client.send(new CreatePolicyCommand({
    policyStoreId, name: 'name/alice-reads', definition: { static: { statement } },
  })), ConflictException, 409).then((e) => assert.equal(e.resources[0].resourceType, 'POLICY'));

  const updated = await client.send(new UpdatePolicyCommand({
    policyStoreId, policyId: created.policyId,
    definition: { static: { statement: statement.replace(';', ' when { context has mfa };') } },
  }));
  assert.equal(updated.policyId, created.policyId);
  const afterUpdate = await client.send(new GetPolicyCommand({ policyStoreId, policyId: created.policyId }));
  assert.match(afterUpdate.definition.static.statement, /context has mfa/);
  assert.equal(afterUpdate.definition.static.description, 'alice', 'an omitted description is kept');
  const changedPrincipal = await rejectsWith(client.send(new UpdatePolicyCommand({
    policyStoreId, policyId: created.policyId, definition: { static: { statement: statement.replace('alice', 'bob') } },
  })), ValidationException, 400);
  assert.equal(changedPrincipal.fieldList[0].path, 'definition.static.statement');

  const template = await client.send(new CreatePolicyTemplateCommand({
    policyStoreId, name: 'name/readers', description: 'readers',
    statement: 'permit(principal == ?principal, action == App::Action::"read", resource in ?resource);',
  }));
  const gotTemplate = await client.send(new GetPolicyTemplateCommand({ policyStoreId, policyTemplateId: 'name/readers' }));
  assert.equal(gotTemplate.policyTemplateId, template.policyTemplateId);
  assert.equal(gotTemplate.description, 'readers');
  const links = [];
  for (let i = 0; i < 5; i++) {
    const link = await client.send(new CreatePolicyCommand({
      policyStoreId, definition: {
        templateLinked: {
          policyTemplateId: template.policyTemplateId,
          principal: { entityType: 'App::User', entityId: `u${i}` }, resource: { entityType: 'App::Doc', entityId: 'folder' },
        },
      },
    }));
    assert.equal(link.policyType, 'TEMPLATE_LINKED');
    assert.deepEqual(link.resource, { entityType: 'App::Doc', entityId: 'folder' });
    links.push(link.policyId);
  }
  await client.send(new UpdatePolicyTemplateCommand({
    policyStoreId, policyTemplateId: template.policyTemplateId,
    statement: 'permit(principal == ?principal, action == App::Action::"read", resource in ?resource) when { true };',
  }));
  const linked = await client.send(new GetPolicyCommand({ policyStoreId, policyId: links[0] }));
  assert.deepEqual(linked.definition.templateLinked, {
    policyTemplateId: template.policyTemplateId,
    principal: { entityType: 'App::User', entityId: 'u0' }, resource: { entityType: 'App::Doc', entityId: 'folder' },
  });
  const listedTemplates = await client.send(new ListPolicyTemplatesCommand({ policyStoreId }));
  assert.deepEqual(listedTemplates.policyTemplates.map((t) => t.policyTemplateId), [template.policyTemplateId]);

  const seen = [];
  for await (const page of paginateListPolicies({ client, pageSize: 2 }, { policyStoreId })) {
    assert.ok(page.policies.length <= 2);
    seen.push(...page.policies.map((p) => p.policyId));
  }
  assert.deepEqual(seen, [created.policyId, ...links]);
  const filtered = await client.send(new ListPoliciesCommand({
    policyStoreId, filter: { policyType: 'TEMPLATE_LINKED', principal: { identifier: { entityType: 'App::User', entityId: 'u3' } } },
  }));
  assert.deepEqual(filtered.policies.map((p) => p.policyId), [links[3]]);
  const unspecified = await client.send(new ListPoliciesCommand({ policyStoreId, filter: { resource: { unspecified: true } } }));
  assert.deepEqual(unspecified.policies.map((p) => p.policyId), [created.policyId]);
  await rejectsWith(client.send(new ListPoliciesCommand({ policyStoreId, maxResults: 51 })), ValidationException, 400);

  const batch = await client.send(new BatchGetPolicyCommand({
    requests: [{ policyStoreId, policyId: links[1] }, { policyStoreId, policyId: 'SPEXAMPLEabcdefg111111' }],
  }));
  assert.deepEqual(batch.results.map((r) => r.policyId), [links[1]]);
  assert.equal(batch.errors[0].code, 'POLICY_NOT_FOUND');

  await client.send(new DeletePolicyTemplateCommand({ policyStoreId, policyTemplateId: template.policyTemplateId }));
  const missing = await rejectsWith(client.send(new GetPolicyCommand({ policyStoreId, policyId: links[0] })), ResourceNotFoundException, 404);
  assert.equal(missing.resourceType, 'POLICY');
  await client.send(new DeletePolicyCommand({ policyStoreId, policyId: created.policyId }));
  assert.deepEqual((await client.send(new ListPoliciesCommand({ policyStoreId }))).policies, []);

  // Policy size per resource: twenty 9,990-byte policies on one resource fill its 200,000 bytes.
  const pad = (head, size) => {
    const prefix = `${head} when { "`;
    const suffix = '" != "" };';
    return prefix + 'x'.repeat(size - prefix.length - suffix.length) + suffix;
  };
  for (let i = 0; i < 20; i++) {
    await client.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement: pad('forbid(principal, action, resource == App::Doc::"big")', 9990) } } }));
  }
  const quota = await rejectsWith(client.send(new CreatePolicyCommand({
    policyStoreId, definition: { static: { statement: pad('forbid(principal, action, resource == App::Doc::"big")', 300) } },
  })), ServiceQuotaExceededException, 402);
  assert.equal(quota.resourceType, 'POLICY');
  assert.equal(quota.serviceCode, 'verifiedpermissions');
  assert.equal(quota.quotaCode, 'PolicySizePerResource');
}

async function authorization() {
  const policyStoreId = await newStore();
  await client.send(new PutSchemaCommand({
    policyStoreId,
    definition: {
      cedarJson: JSON.stringify({
        App: {
          entityTypes: { User: { memberOfTypes: ['Team'], shape: { type: 'Record', attributes: { level: { type: 'Long' } } } }, Team: {}, Doc: {} },
          actions: {
            read: { appliesTo: { principalTypes: ['User'], resourceTypes: ['Doc'], context: { type: 'Record', attributes: { ip: { type: 'Extension', name: 'ipaddr' } } } } },
          },
        },
      }),
    },
  }));
  const permit = (await client.send(new CreatePolicyCommand({
    policyStoreId, definition: { static: { statement: 'permit(principal in App::Team::"eng", action == App::Action::"read", resource) when { principal.level > 2 && context.ip.isInRange(ip("10.0.0.0/8")) };' } },
  }))).policyId;
  const forbid = (await client.send(new CreatePolicyCommand({
    policyStoreId, definition: { static: { statement: 'forbid(principal, action, resource == App::Doc::"secret");' } },
  }))).policyId;
  const entities = {
    entityList: [
      { identifier: { entityType: 'App::User', entityId: 'ann' }, attributes: { level: { long: 3 } }, parents: [{ entityType: 'App::Team', entityId: 'eng' }] },
      { identifier: { entityType: 'App::User', entityId: 'bob' }, attributes: { level: { long: 1 } }, parents: [{ entityType: 'App::Team', entityId: 'eng' }] },
    ],
  };
  const context = { contextMap: { ip: { ipaddr: '10.1.2.3' } } };
  const read = { actionType: 'App::Action', actionId: 'read' };
  const ask = (who, doc) => ({ principal: { entityType: 'App::User', entityId: who }, action: read, resource: { entityType: 'App::Doc', entityId: doc }, context });

  const allowed = await client.send(new IsAuthorizedCommand({ policyStoreId, entities, ...ask('ann', 'd1') }));
  assert.equal(allowed.decision, 'ALLOW');
  assert.deepEqual(allowed.determiningPolicies, [{ policyId: permit }]);
  assert.deepEqual(allowed.errors, []);
  const denied = await client.send(new IsAuthorizedCommand({ policyStoreId, entities, ...ask('ann', 'secret') }));
  assert.equal(denied.decision, 'DENY');
  assert.deepEqual(denied.determiningPolicies, [{ policyId: forbid }]);

  const batch = await client.send(new BatchIsAuthorizedCommand({
    policyStoreId, entities, requests: [ask('ann', 'd1'), ask('bob', 'd1'), ask('carl', 'd1')],
  }));
  assert.deepEqual(batch.results.map((r) => r.decision), ['ALLOW', 'DENY', 'DENY']);
  assert.deepEqual(batch.results[1].request.principal, { entityType: 'App::User', entityId: 'bob' });
  assert.deepEqual(batch.results[2].determiningPolicies, [], 'carl has no entity, so no team: nothing applies');
  assert.deepEqual(batch.results[2].errors, []);

  // The request is validated against the schema.
  const wrongType = await rejectsWith(client.send(new IsAuthorizedCommand({
    policyStoreId, entities, ...ask('ann', 'd1'), resource: { entityType: 'App::Team', entityId: 'eng' },
  })), ValidationException, 400);
  assert.equal(wrongType.fieldList[0].path, 'resource');
  assert.match(wrongType.message, /resource type `App::Team` is not valid for `App::Action::"read"`/);
  const noPrincipal = await rejectsWith(client.send(new IsAuthorizedCommand({ policyStoreId, action: read, resource: { entityType: 'App::Doc', entityId: 'd' }, context })),
    ValidationException, 400);
  assert.equal(noPrincipal.fieldList[0].path, 'principal');
  const mixed = await rejectsWith(client.send(new BatchIsAuthorizedCommand({
    policyStoreId, requests: [ask('ann', 'd1'), ask('bob', 'd2')],
  })), ValidationException, 400);
  assert.equal(mixed.fieldList[0].path, 'requests');
  await rejectsWith(client.send(new IsAuthorizedCommand({ policyStoreId: 'PSEXAMPLEabcdefg111111', ...ask('ann', 'd1') })), ResourceNotFoundException, 404);
}
const scenarios = { stores, policies, authorization };
await scenarios[scenario]();
console.log(`jssdk ${scenario}: ok`);
