#!/usr/bin/env node
// Writes a deterministic validation workload: a document-sharing schema and N policies drawn from a seed.
// usage: node make-workload.mjs OUT_DIR [N=1000] [SEED=20261206]
import fs from 'node:fs';
import path from 'node:path';

const [outDir, nArg, seedArg] = process.argv.slice(2);
const n = Number(nArg || 1000);
let seed = Number(seedArg || 20261206) >>> 0;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const schema = `namespace Docs {
  type Audit = { createdBy: User, createdAt: datetime, origin?: ipaddr };
  entity Team in [Team] { name: String, budget: decimal };
  entity User in [Team] { name: String, level: Long, roles: Set<String>, active: Bool, email?: String, home?: ipaddr } tags String;
  entity Folder in [Folder] { owner: User, shared: Bool, audit: Audit };
  entity Document in [Folder] { owner: User, classification: Long, labels: Set<String>, size: Long, audit: Audit, reviewers?: Set<User> };
  action view, comment appliesTo { principal: [User], resource: [Document, Folder], context: { ip: ipaddr, mfa: Bool, now: datetime } };
  action edit, delete, share in [view] appliesTo { principal: [User], resource: [Document], context: { ip: ipaddr, mfa: Bool, now: datetime } };
  action administer appliesTo { principal: [User, Team], resource: [Folder], context: {} };
}
`;

const conditions = [
  () => `principal.level >= ${Math.floor(rnd() * 10)}`,
  () => `resource.owner == principal`,
  () => `principal in resource.owner`,
  () => `resource.classification <= principal.level`,
  () => `principal.roles.contains("${pick(['admin', 'editor', 'viewer', 'auditor'])}")`,
  () => `resource.labels.containsAny(["${pick(['pii', 'internal', 'public'])}", "${pick(['legal', 'hr'])}"])`,
  () => `principal has email && principal.email like "*@${pick(['example.com', 'corp.net'])}"`,
  () => `context.ip.isInRange(ip("${pick(['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12'])}"))`,
  () => `context.mfa`,
  () => `principal.active && !(resource.labels.contains("locked"))`,
  () => `resource has reviewers && resource.reviewers.contains(principal)`,
  () => `resource.audit.createdAt < context.now`,
  () => `principal.hasTag("dept") && principal.getTag("dept") == "${pick(['eng', 'ops', 'sales'])}"`,
  () => `resource.size < ${Math.floor(rnd() * 1000000)}`,
  () => `(if principal.level > 5 then true else resource.classification < 2)`,
];

const policies = [];
for (let i = 0; i < n; i++) {
  const action = pick(['action == Docs::Action::"view"', 'action in [Docs::Action::"edit", Docs::Action::"delete"]',
    'action == Docs::Action::"share"', 'action in Docs::Action::"view"', 'action == Docs::Action::"comment"']);
  const principal = pick(['principal', 'principal is Docs::User', `principal == Docs::User::"u${i}"`, `principal in Docs::Team::"t${i % 50}"`]);
  const resource = pick(['resource', 'resource is Docs::Document', `resource in Docs::Folder::"f${i % 200}"`, `resource == Docs::Document::"d${i}"`]);
  const conds = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(conditions)()).join(' && ');
  policies.push(`${rnd() < 0.15 ? 'forbid' : 'permit'} (${principal}, ${action}, ${resource}) when { ${conds} };`);
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'schema.cedarschema'), schema);
fs.writeFileSync(path.join(outDir, 'policies.cedar'), policies.join('\n') + '\n');
console.log(`wrote ${n} policies to ${outDir}`);
