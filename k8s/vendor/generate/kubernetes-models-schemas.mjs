#!/usr/bin/env node
// Writes k8s/vendor/<dir>/<kind>.schema.json: self-contained JSON Schemas for operator kinds,
// recovered from the npm packages of kubernetes-models (MIT), for operators whose CRD YAML no
// allowed registry carries:
//   @kubernetes-models/cloudnative-pg        -> cloudnative-pg/       Cluster ScheduledBackup
//   @kubernetes-models/prometheus-operator   -> prometheus-operator/  ServiceMonitor PodMonitor PrometheusRule
//   @kubernetes-models/gateway-api           -> gateway-api/          HTTPRoute
//
//   cd /tmp && npm pack @kubernetes-models/cloudnative-pg@2.0.0 && mkdir cnpg && tar xzf kubernetes-models-cloudnative-pg-2.0.0.tgz -C cnpg
//   node k8s/vendor/generate/kubernetes-models-schemas.mjs /tmp/cnpg/package [Kind ...]   (default kinds: the table below)
//
// The packages ship no JSON Schema documents: their `_schemas/*.js` are Ajv "standalone" validators
// compiled from JSON Schemas that kubernetes-models' go-generate derived from the operators' Go API
// types (with their kubebuilder validation markers: enums, patterns, minimum/maximum, required),
// the same types the operators' CRDs are generated from.
// Ajv compiles every sub-schema into its own function and every failed keyword into an error
// object `{schemaPath:"#/<keyword>", keyword, params}`, and every sub-schema call passes
// `parentDataProperty` (a property name, an array index `iN` or a map key `keyN`); this script
// reads those back (parsed with the TypeScript compiler's parser) into JSON Schema:
//   type, enum, required, format, pattern (Go's `(?i)` spelled out), min/max(Length|Items), minimum/maximum,
//   properties, items, additionalProperties (maps), and $ref to other files.
// Properties the package types (`*.d.ts`) declare but the validator never checks (schema `{}`,
// "any JSON", and ClusterSpec.description, which the package's build dropped) are added with the
// declared primitive type, else as `{}`, so closing objects later cannot reject a legal field.
// Ajv's `nullable` (kubernetes-models marks every optional field nullable) is dropped: the CRDs
// do not mark these fields nullable.
// Kubernetes types the operator types embed (ObjectMeta, ResourceRequirements, Affinity, ...) are
// taken from k8s/vendor/kubernetes/definitions.json (the pinned v1.32 models, closed objects),
// copied into each output file's `definitions` with everything they reference.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** package -> output folder, API group/version, the id prefix of its kinds in _schemas/, default kinds */
const packages = {
  '@kubernetes-models/cloudnative-pg': {
    dir: 'cloudnative-pg',
    group: 'postgresql.cnpg.io',
    version: 'v1',
    prefix: 'ComGithubCloudnativePgCloudnativePgApiV1',
    kinds: ['Cluster', 'ScheduledBackup'],
  },
  '@kubernetes-models/prometheus-operator': {
    dir: 'prometheus-operator',
    group: 'monitoring.coreos.com',
    version: 'v1',
    prefix: 'ComGithubPrometheusOperatorPrometheusOperatorPkgApisMonitoringV1',
    kinds: ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'],
  },
  '@kubernetes-models/gateway-api': {
    dir: 'gateway-api',
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    prefix: 'IoK8sSigsGatewayApiApisV1',
    kinds: ['HTTPRoute'],
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, '..');
const [pkgDir, ...kindArgs] = process.argv.slice(2);
if (!pkgDir) {
  console.error(`usage: node k8s/vendor/generate/kubernetes-models-schemas.mjs <unpacked package dir: ${Object.keys(packages).join(' | ')}> [Kind ...]`);
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const target = packages[pkg.name];
if (!target) throw new Error(`${pkgDir} is ${pkg.name}, not one of ${Object.keys(packages).join(', ')}`);
const kinds = kindArgs.length ? kindArgs : target.kinds;
const outDir = join(vendor, target.dir);
const apiVersion = `${target.group}/${target.version}`;
const k8sDefs = JSON.parse(readFileSync(join(vendor, 'kubernetes/definitions.json'), 'utf8')).definitions;

// ---- property names declared by the package's TypeScript types, per schema id ----
const declared = new Map();
(function scan(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { if (f !== 'node_modules' && f !== '_schemas') scan(p); continue; }
    if (!f.endsWith('.d.ts')) continue;
    const text = readFileSync(p, 'utf8');
    const alias = /export type \{ I(\w+) as I(\w+),/.exec(text);
    if (!alias) continue;
    const body = new RegExp(`export interface I${alias[1]} \\{([\\s\\S]*?)\\n\\}`).exec(text);
    if (!body) continue;
    declared.set(alias[2], new Map([...body[1].matchAll(/^ {4}"([^"]+)"\??: ([^;]+);/gm)].map((m) => [m[1], m[2]])));
  }
})(pkgDir);

// ---- Kubernetes types: from the vendored v1.32 definitions ----
function k8sName(module) {
  const id = module.split('/').pop();
  if (id === 'IoK8sApimachineryPkgApiResourceQuantity') return { schema: { type: ['number', 'string'], 'x-kubernetes-quantity': true } };
  if (id === 'IoK8sApimachineryPkgUtilIntstrIntOrString') return { schema: { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true } };
  if (id === 'IoK8sApimachineryPkgApisMetaV1Time' || id === 'IoK8sApimachineryPkgApisMetaV1MicroTime') return { schema: { type: 'string', format: 'date-time' } };
  const m = /^IoK8s(?:Api(?:Core|Apps|Batch|Policy)|ApimachineryPkgApisMeta)(V\d\w*?)([A-Z]\w*)$/.exec(id);
  const name = m && `${m[1]}${m[2]}`;
  if (!name || !k8sDefs[name]) throw new Error(`no vendored Kubernetes definition for ${module}`);
  return { name };
}
function addK8s(name, defs) {
  if (defs[name]) return;
  defs[name] = k8sDefs[name];
  JSON.stringify(k8sDefs[name], (k, v) => { if (k === '$ref') addK8s(v.replace('#/definitions/', ''), defs); return v; });
}

// ---- patterns: the packages test them with RE2 (Go syntax); JSON Schema patterns are ECMA-262 ----
/** Go's inline case-insensitive flag `(?i)` has no ECMA-262 form: spell each letter as `[xX]`. */
function jsPattern(pattern) {
  if (!pattern.includes('(?i)')) return pattern;
  const body = pattern.replace('(?i)', '');
  if (/[[\\]|\(\?/.test(body)) throw new Error(`pattern ${pattern}: (?i) with classes, escapes or groups flags not handled`);
  return body.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

// ---- decompiling one _schemas file ----
const files = new Map();
function parseFile(id) {
  if (files.has(id)) return files.get(id);
  const path = join(pkgDir, '_schemas', `${id}.js`);
  const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const f = { id, consts: new Map(), imports: new Map(), funcs: new Map(), root: undefined };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const module = st.moduleSpecifier.text;
      for (const el of st.importClause?.namedBindings?.elements ?? []) f.imports.set(el.name.text, module);
    } else if (ts.isFunctionDeclaration(st)) {
      f.funcs.set(st.name.text, st);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (d.name.text === 'validate') f.root = d.initializer.text;
        else if (d.initializer && ts.isArrayLiteralExpression(d.initializer)) f.consts.set(d.name.text, literal(d.initializer));
      }
    }
  }
  if (!f.root) throw new Error(`${id}: no exported validate`);
  files.set(id, f);
  return f;
}

function literal(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) return -literal(node.operand);
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literal);
  if (ts.isObjectLiteralExpression(node)) return Object.fromEntries(node.properties.map((p) => [p.name.text, literal(p.initializer)]));
  throw new Error(`not a literal: ${node.getText()}`);
}

function prop(obj, name) {
  return obj.properties.find((p) => p.name && p.name.text === name);
}

/** The JSON Schema of function `fn` in file `f`; `defs` collects the definitions it references. */
function fnSchema(f, fn, defs, stack = []) {
  if (f.imports.has(fn)) return refFor(f.imports.get(fn), defs);
  const decl = f.funcs.get(fn);
  if (!decl) throw new Error(`${f.id}: no function ${fn}`);
  if (stack.includes(fn)) throw new Error(`${f.id}: recursive schema at ${fn}`);
  const s = {};
  const refs = [];
  const required = [];
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const sp = prop(node, 'schemaPath');
      if (sp && ts.isPropertyAssignment(sp) && ts.isStringLiteral(sp.initializer)) {
        keyword(sp.initializer.text.replace(/^#\//, ''), prop(node, 'params').initializer);
        return;
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^validate\d+$/.test(node.expression.text) && node.arguments.length === 2 && ts.isObjectLiteralExpression(node.arguments[1])) {
      const pdp = prop(node.arguments[1], 'parentDataProperty');
      const sub = () => fnSchema(f, node.expression.text, defs, [...stack, fn]);
      if (!pdp || ts.isShorthandPropertyAssignment(pdp)) refs.push(sub());
      else if (ts.isStringLiteral(pdp.initializer)) (s.properties ??= {})[pdp.initializer.text] = sub();
      else if (ts.isIdentifier(pdp.initializer) && /^i\d+$/.test(pdp.initializer.text)) s.items = sub();
      else if (ts.isIdentifier(pdp.initializer) && /^key\d+$/.test(pdp.initializer.text)) s.additionalProperties = sub();
      else throw new Error(`${f.id}/${fn}: unexpected call ${node.getText().slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  const keyword = (kw, paramsNode) => {
    const params = Object.fromEntries(paramsNode.properties.map((p) => [p.name.text, ts.isIdentifier(p.initializer) && f.consts.has(p.initializer.text) ? f.consts.get(p.initializer.text) : literal(p.initializer)]));
    switch (kw) {
      case 'type': s.type = params.type; break;
      case 'enum': s.enum = params.allowedValues; break;
      case 'required': required.push(params.missingProperty); break;
      case 'format': s.format = params.format; break;
      case 'pattern': s.pattern = jsPattern(params.pattern); break;
      case 'minLength': case 'maxLength': case 'minItems': case 'maxItems': s[kw] = params.limit; break;
      case 'minimum': case 'maximum':
        s[{ '>=': 'minimum', '>': 'exclusiveMinimum', '<=': 'maximum', '<': 'exclusiveMaximum' }[params.comparison]] = params.limit; break;
      default: throw new Error(`${f.id}/${fn}: keyword ${kw} not handled`);
    }
  };
  visit(decl.body);
  // A Go struct embedded in an object (BarmanCredentials in BarmanObjectStoreConfiguration,
  // LocalObjectReference in SecretKeySelector, ...) is inlined by the API: merge its properties,
  // so that closing the object later does not reject the embedded fields.
  const rest = [];
  for (const r of refs) {
    const target = s.type === 'object' && r.$ref ? defs[r.$ref.replace('#/definitions/', '')] : undefined;
    if (!target?.properties) { rest.push(r); continue; }
    s.properties = { ...target.properties, ...s.properties };
    required.push(...(target.required ?? []));
  }
  if (required.length) s.required = [...new Set(required)];
  if (!rest.length) return s;
  if (!Object.keys(s).length && rest.length === 1) return rest[0];
  return { ...s, allOf: rest };
}

function refFor(module, defs) {
  if (module.startsWith('./')) {
    const id = module.slice(2).replace(/\.js$/, '');
    if (!(id in defs)) {
      defs[id] = null; // placeholder while it is being built
      const f = parseFile(id);
      const schema = fnSchema(f, f.root, defs);
      const types = declared.get(id) ?? new Map();
      const missing = schema.properties ? [...types.keys()].filter((p) => !(p in schema.properties)) : [];
      for (const p of missing) schema.properties[p] = ['string', 'number', 'boolean'].includes(types.get(p)) ? { type: types.get(p) } : {};
      if (missing.length) anyProps.push(`${id}: ${missing.join(', ')}`);
      defs[id] = schema;
    }
    return { $ref: `#/definitions/${id}` };
  }
  if (module.startsWith('kubernetes-models/') || module.startsWith('@kubernetes-models/apimachinery/')) {
    const k = k8sName(module);
    if (k.schema) return structuredClone(k.schema);
    addK8s(k.name, defs);
    return { $ref: `#/definitions/${k.name}` };
  }
  throw new Error(`unexpected import ${module}`);
}

// ---- output ----
const anyProps = [];
mkdirSync(outDir, { recursive: true });
const written = [];
for (const kind of kinds) {
  const id = `${target.prefix}${kind}`;
  const defs = {};
  const root = refFor(`./${id}.js`, defs);
  const rootDef = defs[id];
  if (JSON.stringify(rootDef.properties?.apiVersion) !== JSON.stringify({ type: 'string', enum: [apiVersion] }) || rootDef.properties?.kind?.enum?.[0] !== kind) {
    throw new Error(`${id} does not look like the ${apiVersion} ${kind} schema`);
  }
  const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
  const doc = {
    $comment: `${apiVersion} ${kind}: generated by k8s/vendor/generate/kubernetes-models-schemas.mjs from ${pkg.name}@${pkg.version} (MIT, LICENSE beside this file); Kubernetes types from k8s/vendor/kubernetes/definitions.json. Do not edit.`,
    'x-kubernetes-group-version-kind': [{ group: target.group, version: target.version, kind }],
    ...root,
    definitions: sorted,
  };
  const file = join(outDir, `${kind.toLowerCase()}.schema.json`);
  writeFileSync(file, `${JSON.stringify(doc, null, 1)}\n`);
  written.push(`${relative(join(vendor, '..', '..'), file)} (${Object.keys(defs).length} definitions)`);
}
copyFileSync(join(pkgDir, 'LICENSE'), join(outDir, 'LICENSE'));
writeFileSync(join(outDir, 'VERSION'), `${pkg.name}@${pkg.version}\nkinds: ${kinds.join(' ')}\n`);
console.log(`wrote:\n  ${written.join('\n  ')}`);
if (anyProps.length) console.log(`declared but unchecked by the package's validators (added from the .d.ts types):\n  ${[...new Set(anyProps)].join('\n  ')}`);
