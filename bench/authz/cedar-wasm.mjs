#!/usr/bin/env node
// Times the official engine per request on a workload: preparsePolicySet once, then statefulIsAuthorized per request,
// each request handed over as the same JSON text Verdict parses (cedar-wasm's glue would JSON.stringify an object;
// passing the text saves it that work). Warm-up, then passes over the
// requests (at least one) until the time budget is spent.
// Writes every answer (decision|determining policies|erroring policies) to DIR/cedar-wasm-answers.json.
// usage: node cedar-wasm.mjs DIR [SECONDS=5] [MAX_REQUESTS]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
class RawJson { constructor(text) { this.text = text; } }
const origStringify = JSON.stringify;
JSON.stringify = function (v, ...rest) {
  return v instanceof RawJson ? v.text : origStringify.call(JSON, v, ...rest);
};

const [dir, secondsArg, maxArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 5);
const max = Number(maxArg || Infinity);

let t = process.hrtime.bigint();
const load = cedar.preparsePolicySet('bench', new RawJson(fs.readFileSync(path.join(dir, 'policies.json'), 'utf8')));
if (load.type !== 'success') { console.error(origStringify(load.errors)); process.exit(1); }
const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
const requests = JSON.parse(fs.readFileSync(path.join(dir, 'requests.json'), 'utf8')).slice(0, max).map((r) => new RawJson(
  `{"principal":${origStringify(r.principal)},"action":${origStringify(r.action)},"resource":${origStringify(r.resource)},` +
  `"context":${origStringify(r.context)},"preparsedPolicySetId":"bench","entities":${origStringify(r.entities)}}`));

const once = (i) => cedar.statefulIsAuthorized(requests[i]);
const answers = requests.map((_, i) => {
  const a = once(i);
  if (a.type !== 'success') { console.error(origStringify(a.errors)); process.exit(1); }
  const d = a.response.diagnostics;
  return `${a.response.decision}|${[...d.reason].sort().join(',')}|${d.errors.map((e) => e.policyId).sort().join(',')}`;
});
fs.writeFileSync(path.join(dir, 'cedar-wasm-answers.json'), origStringify(answers));

// The answers pass above is the first warm-up pass; more follow only while they are cheap.
const warmUp = Date.now();
while (Date.now() - warmUp < Math.min(1000, seconds * 250)) { for (let i = 0; i < requests.length; i++) once(i); }
const samples = [];
const budget = Date.now();
for (let pass = 0; pass < 1 || Date.now() - budget < seconds * 1000; pass++) {
  for (let i = 0; i < requests.length; i++) {
    t = process.hrtime.bigint();
    once(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
}
samples.sort((a, b) => a - b);
console.log(origStringify({
  engine: 'cedar-wasm ' + cedar.getCedarVersion(), policies: null, requests: requests.length, loadMs: Math.round(loadMs),
  allows: answers.filter((a) => a.startsWith('allow')).length,
  medianUs: samples[Math.floor(samples.length / 2)], p99Us: samples[Math.floor(samples.length * 0.99)], samples: samples.length,
}));
