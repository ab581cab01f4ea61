#!/usr/bin/env node
// The official Cedar engine (@cedar-policy/cedar-wasm, pinned in the repository's package.json) as a line-oriented
// oracle for Verdict's differential tests.
//
// Protocol: one JSON object per input line, {"fn": "<cedar-wasm export>", "arg": <argument>}; one JSON line per
// answer, in order: {"ok": <result>} or {"exception": "<message>"}. The argument is handed to cedar-wasm as raw JSON
// text, so 64-bit integers keep every digit. A line that is only "exit" ends the process.
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');

// cedar-wasm's glue calls JSON.stringify on the argument; RawJson lets us pass text through unchanged.
class RawJson { constructor(text) { this.text = text; } }
const origStringify = JSON.stringify;
JSON.stringify = function (v, ...rest) {
  if (v instanceof RawJson) return v.text;
  return origStringify.call(JSON, v, ...rest);
};

// Extract the raw text of the "arg" member without parsing it (so long integers survive).
function splitRequest(line) {
  const m = /^\s*\{\s*"fn"\s*:\s*"([A-Za-z]+)"\s*,\s*"arg"\s*:/.exec(line);
  if (!m) throw new Error('request must start with {"fn": "...", "arg": ...}');
  const rest = line.slice(m[0].length);
  const end = rest.lastIndexOf('}');
  return { fn: m[1], arg: rest.slice(0, end) };
}

// Composite calls that save the per-call policy parse (which dominates cedar-wasm's time):
// authorizeBatch {policies, entities, schema?, validateRequest?, requests: [{principal, action, resource, context}]}
// where entities and each request member are JSON *strings holding raw JSON text*, so 64-bit integers survive;
// answers {"load": <preparse answer>, "results": [<authorization answer>...]} using preparsePolicySet and
// statefulIsAuthorized, which give the same answers as isAuthorized.
let batchCounter = 0;
const composite = {
  authorizeBatch(text) {
    const arg = JSON.parse(text, (k, v) => v);
    const id = 'batch' + (batchCounter++);
    const load = cedar.preparsePolicySet(id, new RawJson(origStringify(arg.policies)));
    if (load.type !== 'success') return { load, results: [] };
    let schemaName;
    if (arg.schema !== undefined) {
      schemaName = id + 's';
      const s = cedar.preparseSchema(schemaName, new RawJson(origStringify(arg.schema)));
      if (s.type !== 'success') return { load: s, results: [] };
    }
    const results = arg.requests.map((r) => cedar.statefulIsAuthorized(new RawJson(
      `{"principal":${r.principal},"action":${r.action},"resource":${r.resource},"context":${r.context},` +
      `"preparsedPolicySetId":"${id}",` + (schemaName ? `"preparsedSchemaName":"${schemaName}","validateRequest":${arg.validateRequest !== false},` : '') +
      `"entities":${arg.entities}}`)));
    return { load, results };
  },
};

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === 'exit') break;
  if (!line.trim()) continue;
  let out;
  try {
    const { fn, arg } = splitRequest(line);
    if (composite[fn]) {
      out = origStringify({ ok: composite[fn](arg) });
      process.stdout.write(out + '\n');
      continue;
    }
    if (typeof cedar[fn] !== 'function') throw new Error('unknown function ' + fn);
    const trimmed = arg.trim();
    // Plain strings (policy text for policyToJson etc.) are passed as JS strings.
    const value = trimmed.startsWith('"') ? JSON.parse(trimmed) : new RawJson(trimmed);
    out = origStringify({ ok: cedar[fn](value) });
  } catch (e) {
    out = origStringify({ exception: String(e && e.message || e) });
  }
  process.stdout.write(out + '\n');
}
