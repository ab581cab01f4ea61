#!/usr/bin/env node
// Writes the authorization workloads from a seed, in two forms each: Cedar JSON (for the in-process engines) and
// Amazon Verified Permissions JSON (for the HTTP rig).
//   w1   a document-sharing application: ~30 static policies using attributes, `in`, `has`, sets and the ipaddr and
//        decimal extension types; every request carries its entity slice (principal and its teams, resource and its
//        folders).
//   wN   N template-linked policies over 3 templates (per-user and per-team sharing grants) plus 2 static policies;
//        the entity universe grows with N so each request matches a few policies at every size.
//        w2 = 10,000 links, w3 = 100,000 links, w3base = 1,000 links (the baseline of the w3 goal).
// Files per workload (OUT/<name>/): policies.json (cedar-wasm's policy-set JSON, policies as text),
// requests.json ([{principal, action, resource, context, entities}] in Cedar JSON), avp-policies.json
// ({static: [text], templates: {id: text}, links: [{templateId, principal?, resource?}]}) and avp-requests.jsonl
// (one IsAuthorized body per line, without policyStoreId).
// usage: node make-workloads.mjs OUT_DIR [NAMES=w1,w2,w3base,w3] [REQUESTS=1000] [SEED=20261206]
import fs from 'node:fs';
import path from 'node:path';

const [outDir, namesArg, requestsArg, seedArg] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node make-workloads.mjs OUT_DIR [NAMES] [REQUESTS] [SEED]');
  process.exit(2);
}
const names = (namesArg || 'w1,w2,w3base,w3').split(',');
const requestCount = Number(requestsArg || 1000);
const baseSeed = Number(seedArg || 20261206) >>> 0;

function rng(seed) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (a) => a[Math.floor(next() * a.length)],
    chance: (p) => next() < p,
  };
}

const uid = (type, id) => ({ type, id });
const action = (id) => uid('Action', id);
const ACTIONS = ['view', 'comment', 'edit', 'delete', 'share'];

// ---- Cedar JSON values → AVP AttributeValue -------------------------------------------------------------------
function avpValue(v) {
  if (typeof v === 'boolean') return { boolean: v };
  if (typeof v === 'number') return { long: v };
  if (typeof v === 'string') return { string: v };
  if (Array.isArray(v)) return { set: v.map(avpValue) };
  if (v.__extn) return { [v.__extn.fn === 'ip' ? 'ipaddr' : v.__extn.fn]: v.__extn.arg };
  if (v.__entity) return { entityIdentifier: { entityType: v.__entity.type, entityId: v.__entity.id } };
  return { record: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, avpValue(x)])) };
}
const avpUid = (u) => ({ entityType: u.type, entityId: u.id });
function avpRequest(r) {
  return {
    principal: avpUid(r.principal),
    action: { actionType: r.action.type, actionId: r.action.id },
    resource: avpUid(r.resource),
    context: { contextMap: Object.fromEntries(Object.entries(r.context).map(([k, v]) => [k, avpValue(v)])) },
    entities: {
      entityList: r.entities.map((e) => ({
        identifier: avpUid(e.uid),
        attributes: Object.fromEntries(Object.entries(e.attrs).map(([k, v]) => [k, avpValue(v)])),
        parents: e.parents.map(avpUid),
      })),
    },
  };
}

// ---- w1: the application ---------------------------------------------------------------------------------------
function makeW1(r) {
  const teams = ['eng', 'ops', 'sales', 'legal', 'hr', 'design', 'support', 'finance'];
  const users = Array.from({ length: 200 }, (_, i) => `u${i}`);
  const folders = Array.from({ length: 60 }, (_, i) => `f${i}`);
  const docs = Array.from({ length: 600 }, (_, i) => `d${i}`);
  const labels = ['public', 'internal', 'pii', 'legal', 'draft', 'locked'];
  const roles = ['admin', 'editor', 'viewer', 'reviewer', 'auditor'];
  const ent = (type, id) => ({ __entity: { type, id } });

  const userEntity = {};
  for (const u of users) {
    const attrs = {
      name: `User ${u}`,
      level: r.int(10),
      roles: [...new Set(Array.from({ length: 1 + r.int(2) }, () => r.pick(roles)))],
      active: r.chance(0.9),
      quota: { __extn: { fn: 'decimal', arg: `${r.int(5)}.${String(r.int(100)).padStart(2, '0')}` } },
    };
    if (r.chance(0.7)) attrs.email = `${u}@${r.pick(['example.com', 'corp.net'])}`;
    userEntity[u] = { uid: uid('User', u), attrs, parents: [uid('Team', r.pick(teams))] };
  }
  // Teams form a small hierarchy: every team is in "all", two are in "product".
  const teamEntity = Object.fromEntries(teams.map((t) => [t, {
    uid: uid('Team', t), attrs: { name: t }, parents: [uid('Team', 'all'), ...(t === 'eng' || t === 'design' ? [uid('Team', 'product')] : [])],
  }]));
  teamEntity.all = { uid: uid('Team', 'all'), attrs: { name: 'all' }, parents: [] };
  teamEntity.product = { uid: uid('Team', 'product'), attrs: { name: 'product' }, parents: [uid('Team', 'all')] };
  // Folders: f0..f7 are roots (one per team), others nest under an earlier folder (depth up to ~4).
  const folderEntity = {};
  folders.forEach((f, i) => {
    folderEntity[f] = {
      uid: uid('Folder', f),
      attrs: { owner: ent('User', r.pick(users)), shared: r.chance(0.3), team: teams[i % teams.length] },
      parents: i < teams.length ? [] : [uid('Folder', folders[r.int(i)])],
    };
  });
  const docEntity = {};
  for (const d of docs) {
    const attrs = {
      owner: ent('User', r.pick(users)),
      classification: r.int(8),
      labels: [...new Set(Array.from({ length: r.int(3) }, () => r.pick(labels)))],
      size: r.int(5_000_000),
    };
    if (r.chance(0.3)) attrs.reviewers = Array.from({ length: 1 + r.int(3) }, () => ent('User', r.pick(users)));
    if (r.chance(0.1)) attrs.locked = r.chance(0.5);
    docEntity[d] = { uid: uid('Document', d), attrs, parents: [uid('Folder', r.pick(folders))] };
  }

  const a = (ids) => `[${ids.map((x) => `Action::"${x}"`).join(', ')}]`;
  const policies = [
    `permit(principal, action in ${a(['view', 'comment', 'edit', 'share'])}, resource is Document) when { resource.owner == principal };`,
    `permit(principal, action == Action::"delete", resource is Document) when { resource.owner == principal && context.mfa };`,
    `permit(principal, action == Action::"view", resource) when { resource has labels && resource.labels.contains("public") };`,
    `permit(principal, action in ${a(['view', 'comment'])}, resource is Document) when { resource has reviewers && resource.reviewers.contains(principal) };`,
    `permit(principal is User, action == Action::"comment", resource is Document) when { principal.roles.containsAny(["editor", "reviewer"]) && resource.classification <= principal.level };`,
    `permit(principal, action == Action::"view", resource is Document) when { principal has email && principal.email like "*@example.com" && resource.labels.contains("internal") };`,
    `permit(principal in Team::"product", action in ${a(['view', 'comment'])}, resource) when { principal.active && context.hour >= 7 && context.hour < 20 };`,
    `permit(principal, action == Action::"share", resource is Document) when { principal.quota.greaterThan(decimal("2.50")) && !(resource.labels.contains("pii")) };`,
    `permit(principal is User, action, resource) when { principal.roles.contains("admin") && context.mfa };`,
    `permit(principal, action == Action::"view", resource is Folder) when { resource.shared || resource.owner == principal };`,
    `permit(principal, action in ${a(['edit', 'comment'])}, resource is Document) when { principal.roles.contains("editor") && resource.size < 1000000 && context.ip.isInRange(ip("10.0.0.0/8")) };`,
    `forbid(principal, action, resource is Document) when { resource has locked && resource.locked } unless { principal.roles.contains("admin") };`,
    `forbid(principal, action in ${a(['edit', 'delete', 'share'])}, resource) unless { context.ip.isInRange(ip("10.0.0.0/8")) || context.ip.isInRange(ip("192.168.0.0/16")) };`,
    `forbid(principal, action, resource is Document) when { resource.classification > principal.level + 3 };`,
    `forbid(principal is User, action, resource) when { !principal.active };`,
    `forbid(principal, action == Action::"share", resource is Document) when { resource.labels.containsAny(["pii", "legal"]) && !context.mfa };`,
    `forbid(principal, action == Action::"delete", resource) when { context.ip.isLoopback() };`,
  ];
  teams.forEach((t, i) => {
    policies.push(`permit(principal in Team::"${t}", action in ${a(['view', 'comment'])}, resource in Folder::"f${i}") when { principal.active };`);
    if (i % 2 === 0) {
      policies.push(`permit(principal in Team::"${t}", action == Action::"edit", resource in Folder::"f${i}") when { principal.level >= 5 && resource has labels && !resource.labels.contains("draft") };`);
    }
  });
  const policySet = { staticPolicies: Object.fromEntries(policies.map((p, i) => [`policy${i}`, p])), templates: {}, templateLinks: [] };

  const teamChain = (t, into) => {
    const e = teamEntity[t];
    if (into.has(e)) return;
    into.add(e);
    e.parents.forEach((p) => teamChain(p.id, into));
  };
  const folderChain = (f, into) => {
    const e = folderEntity[f];
    if (into.has(e)) return;
    into.add(e);
    e.parents.forEach((p) => folderChain(p.id, into));
  };
  const requests = [];
  for (let i = 0; i < requestCount; i++) {
    const u = r.pick(users);
    const slice = new Set([userEntity[u]]);
    userEntity[u].parents.forEach((p) => teamChain(p.id, slice));
    let resource;
    if (r.chance(0.2)) {
      const f = r.pick(folders);
      folderChain(f, slice);
      resource = uid('Folder', f);
    } else {
      // Half of the document requests are by the owner or a reviewer, so that owner/reviewer policies fire.
      const d = r.pick(docs);
      slice.add(docEntity[d]);
      docEntity[d].parents.forEach((p) => folderChain(p.id, slice));
      resource = uid('Document', d);
    }
    const ip = r.chance(0.7) ? `10.${r.int(256)}.${r.int(256)}.${r.int(256)}` : r.chance(0.5) ? `192.168.${r.int(256)}.${r.int(256)}` : r.pick(['127.0.0.1', '203.0.113.9']);
    requests.push({
      principal: uid('User', u), action: action(r.pick(ACTIONS)), resource,
      context: { ip: { __extn: { fn: 'ip', arg: ip } }, mfa: r.chance(0.5), hour: r.int(24) },
      entities: [...slice],
    });
  }
  return { policySet, requests, avp: { static: policies, templates: {}, links: [] } };
}

// ---- wN: many template-linked sharing grants -------------------------------------------------------------------
function makeLinked(r, n) {
  const userCount = Math.max(20, Math.floor(n / 5));
  const teamCount = Math.max(5, Math.floor(userCount / 20));
  const folderCount = Math.max(10, Math.floor(n / 10));
  const docCount = Math.max(20, Math.floor(n / 2));
  const userTeams = Array.from({ length: userCount }, () => [...new Set([r.int(teamCount), r.int(teamCount)])]);
  // Folder i nests under folder floor(i / 8) (a tree of depth log8), roots are f0..f7.
  const folderParent = (i) => (i < 8 ? -1 : Math.floor(i / 8));
  const docFolder = Array.from({ length: docCount }, () => r.int(folderCount));
  const docOwner = Array.from({ length: docCount }, () => r.int(userCount));
  const docClass = Array.from({ length: docCount }, () => r.int(5));

  const templates = {
    shareDocument: 'permit(principal == ?principal, action in [Action::"view", Action::"comment"], resource == ?resource);',
    shareFolder: 'permit(principal == ?principal, action in [Action::"view", Action::"comment", Action::"edit"], resource in ?resource) when { context.mfa || resource.classification < 3 };',
    teamFolder: 'permit(principal in ?principal, action == Action::"view", resource in ?resource);',
  };
  const statics = [
    'permit(principal, action, resource is Document) when { resource.owner == principal };',
    'forbid(principal, action in [Action::"edit", Action::"delete"], resource is Document) when { resource.classification >= 4 } unless { context.mfa };',
  ];
  const links = [];
  const cedarLinks = [];
  for (let i = 0; i < n; i++) {
    const kind = r.next();
    let link;
    if (kind < 0.5) {
      link = { templateId: 'shareDocument', principal: uid('User', `u${r.int(userCount)}`), resource: uid('Document', `d${r.int(docCount)}`) };
    } else if (kind < 0.8) {
      link = { templateId: 'shareFolder', principal: uid('User', `u${r.int(userCount)}`), resource: uid('Folder', `f${r.int(folderCount)}`) };
    } else {
      link = { templateId: 'teamFolder', principal: uid('Team', `t${r.int(teamCount)}`), resource: uid('Folder', `f${r.int(folderCount)}`) };
    }
    links.push(link);
    cedarLinks.push({ templateId: link.templateId, newId: `link${i}`, values: { '?principal': link.principal, '?resource': link.resource } });
  }
  const policySet = {
    staticPolicies: Object.fromEntries(statics.map((p, i) => [`policy${i}`, p])),
    templates,
    templateLinks: cedarLinks,
  };

  const userEntity = (u) => ({
    uid: uid('User', `u${u}`), attrs: { name: `User ${u}` }, parents: userTeams[u].map((t) => uid('Team', `t${t}`)),
  });
  const folderEntities = (f, into) => {
    for (let i = f; i >= 0; i = folderParent(i)) {
      const p = folderParent(i);
      into.push({ uid: uid('Folder', `f${i}`), attrs: { shared: false }, parents: p < 0 ? [] : [uid('Folder', `f${p}`)] });
    }
  };
  // Documents in each folder's subtree, to pick a resource a folder grant covers.
  const docsIn = new Map();
  docFolder.forEach((f, d) => {
    for (let i = f; i >= 0; i = folderParent(i)) {
      if (!docsIn.has(i)) docsIn.set(i, []);
      docsIn.get(i).push(d);
    }
  });
  const requests = [];
  for (let i = 0; i < requestCount; i++) {
    // Most requests follow a grant (so they match it and usually a few more); some are random and likely denied.
    let user;
    let doc;
    if (r.chance(0.8)) {
      const link = r.pick(links);
      if (link.principal.type === 'User') {
        user = Number(link.principal.id.slice(1));
      } else {
        const team = Number(link.principal.id.slice(1));
        const members = [];
        for (let u = 0; u < userCount && members.length < 50; u++) if (userTeams[u].includes(team)) members.push(u);
        user = members.length ? r.pick(members) : r.int(userCount);
      }
      if (link.resource.type === 'Document') {
        doc = Number(link.resource.id.slice(1));
      } else {
        const inFolder = docsIn.get(Number(link.resource.id.slice(1)));
        doc = inFolder ? r.pick(inFolder) : r.int(docCount);
      }
    } else {
      user = r.int(userCount);
      doc = r.int(docCount);
    }
    const entities = [userEntity(user)];
    for (const t of userTeams[user]) entities.push({ uid: uid('Team', `t${t}`), attrs: {}, parents: [] });
    entities.push({
      uid: uid('Document', `d${doc}`),
      attrs: { owner: { __entity: uid('User', `u${docOwner[doc]}`) }, classification: docClass[doc] },
      parents: [uid('Folder', `f${docFolder[doc]}`)],
    });
    folderEntities(docFolder[doc], entities);
    requests.push({
      principal: uid('User', `u${user}`), action: action(r.pick(['view', 'view', 'comment', 'edit', 'delete'])),
      resource: uid('Document', `d${doc}`), context: { mfa: r.chance(0.5) }, entities,
    });
  }
  return { policySet, requests, avp: { static: statics, templates, links } };
}

const sizes = { w2: 10_000, w3: 100_000, w3base: 1_000 };
for (const name of names) {
  const r = rng(baseSeed + [...name].reduce((h, c) => h * 31 + c.charCodeAt(0), 0));
  let w;
  if (name === 'w1') {
    w = makeW1(r);
  } else if (/^w\d+k$/.test(name) || sizes[name] !== undefined) {
    w = makeLinked(r, sizes[name] ?? Number(name.slice(1, -1)) * 1000);
  } else {
    console.error(`unknown workload ${name} (w1, w2, w3, w3base or w<K>k)`);
    process.exit(2);
  }
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'policies.json'), JSON.stringify(w.policySet));
  fs.writeFileSync(path.join(dir, 'requests.json'), JSON.stringify(w.requests));
  fs.writeFileSync(path.join(dir, 'avp-policies.json'), JSON.stringify(w.avp));
  fs.writeFileSync(path.join(dir, 'avp-requests.jsonl'), w.requests.map((q) => JSON.stringify(avpRequest(q))).join('\n') + '\n');
  const policyCount = Object.keys(w.policySet.staticPolicies).length + w.policySet.templateLinks.length;
  console.error(`${name}: ${policyCount} policies (${w.policySet.templateLinks.length} template links), ${w.requests.length} requests → ${dir}`);
}
