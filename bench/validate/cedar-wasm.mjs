#!/usr/bin/env node
// Times the official engine's strict validation of a workload: parse + validate, as one `validate` call.
// usage: node cedar-wasm.mjs DIR ITERATIONS
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const [dir, itArg] = process.argv.slice(2);
const schema = fs.readFileSync(path.join(dir, 'schema.cedarschema'), 'utf8');
const policies = fs.readFileSync(path.join(dir, 'policies.cedar'), 'utf8');
const call = { validationSettings: { mode: 'strict' }, schema, policies: { staticPolicies: policies } };
const first = cedar.validate(call);
if (first.type !== 'success') { console.error(JSON.stringify(first.errors)); process.exit(1); }
const times = [];
for (let i = 0; i < Number(itArg || 10); i++) {
  const t = process.hrtime.bigint();
  cedar.validate(call);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ engine: 'cedar-wasm ' + cedar.getCedarVersion(), errors: first.validationErrors.length,
  warnings: first.validationWarnings.length, medianMs: times[Math.floor(times.length / 2)], minMs: times[0] }));
