// Renders the kustomize overlays with kubectl and validates objects against the vendored
// schemas (k8s/vendor/): Kubernetes v1.32 models and the operators' CRDs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

export const k8sDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(k8sDir, '..');
const vendor = join(k8sDir, 'vendor');

/** A rendered manifest object: plain parsed YAML, navigated freely by the tests. */

export type Obj = any;

/** kubectl kustomize of k8s/overlays/<overlay>, in a temporary copy so a missing supergraph gets a placeholder. */
export function render(overlay: string): Obj[] {
  const tmp = mkdtempSync(join(tmpdir(), 'tw-k8s-'));
  try {
    cpSync(join(k8sDir, 'base'), join(tmp, 'k8s/base'), { recursive: true });
    cpSync(join(k8sDir, 'overlays'), join(tmp, 'k8s/overlays'), { recursive: true });
    cpSync(join(k8sDir, 'components'), join(tmp, 'k8s/components'), { recursive: true });
    mkdirSync(join(tmp, 'schema'));
    const supergraph = join(repoRoot, 'schema/supergraph.graphql');
    writeFileSync(
      join(tmp, 'schema/supergraph.graphql'),
      existsSync(supergraph) ? readFileSync(supergraph) : '# placeholder supergraph for manifest tests\n',
    );
    const out = execFileSync(
      'kubectl',
      ['kustomize', '--load-restrictor=LoadRestrictionsNone', join(tmp, 'k8s/overlays', overlay)],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    return parseYaml(out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function parseYaml(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => {
      const [error] = d.errors;
      if (error) throw error;
      return d.toJS();
    })
    .filter(Boolean);
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, allowUnionTypes: true });

// ---- Kubernetes built-in kinds: k8s/vendor/kubernetes/definitions.json ----
const k8sDefs = JSON.parse(readFileSync(join(vendor, 'kubernetes/definitions.json'), 'utf8'));
ajv.addSchema({ $id: 'k8s', definitions: k8sDefs.definitions });
const builtinGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
]);

function builtinValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  if (!builtinGroups.has(group)) return undefined;
  const def = `V${version.slice(1)}${kind}`;
  if (!k8sDefs.definitions[def]) return undefined;
  return ajv.getSchema(`k8s#/definitions/${def}`);
}

// ---- Custom resources: the operators' CRDs under k8s/vendor/<operator>/*.yaml, and JSON Schemas
// per kind (<kind>.schema.json with x-kubernetes-group-version-kind, e.g. CloudNativePG's) ----
/** Structural CRD schemas allow unknown fields (the API server prunes them; kubectl's strict
 * field validation rejects them), and so do the CloudNativePG schemas: make every object without
 * additionalProperties closed. */

function closeSchema(s: any): any {
  if (Array.isArray(s)) return s.map(closeSchema);
  if (!s || typeof s !== 'object') return s;

  const out: any = {};
  for (const [k, v] of Object.entries(s))
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, closeSchema(ps)]))
        : closeSchema(v);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields'])
    out.additionalProperties = false;
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

export const crdSources: Record<string, string> = {};
const crdValidators = new Map<string, ValidateFunction>();
for (const entry of readdirSync(vendor, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const operator = entry.name;
  const dir = join(vendor, operator);
  if (operator === 'kubernetes' || operator === 'generate' || !existsSync(dir) || !readdirSync(dir).length) continue;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const gvks: { group: string; version: string; kind: string }[] = schema['x-kubernetes-group-version-kind'] ?? [];
    if (!gvks.length) throw new Error(`k8s/vendor/${operator}/${f}: no x-kubernetes-group-version-kind`);
    const fn = ajv.compile(closeSchema(schema));
    for (const g of gvks) {
      const key = `${g.group}/${g.version} ${g.kind}`;
      crdValidators.set(key, fn);
      crdSources[key] = `k8s/vendor/${operator}/${f}`;
    }
  }
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    for (const crd of parseYaml(readFileSync(join(dir, f), 'utf8'))) {
      if (crd.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        const key = `${crd.spec.group}/${v.name} ${crd.spec.names.kind}`;
        crdValidators.set(key, ajv.compile(closeSchema(v.schema.openAPIV3Schema)));
        crdSources[key] = `k8s/vendor/${operator}/${f}`;
      }
    }
  }
}

export interface Verdict {
  ok: boolean;
  schema?: string;
  errors: string[];
}

export function validate(o: Obj): Verdict {
  const fn = builtinValidator(o.apiVersion, o.kind) ?? crdValidators.get(`${o.apiVersion} ${o.kind}`);
  if (!fn) return { ok: false, errors: [`no vendored schema for ${o.apiVersion} ${o.kind}`] };
  const ok = fn(o);
  return {
    ok,
    schema: crdSources[`${o.apiVersion} ${o.kind}`] ?? 'k8s/vendor/kubernetes/definitions.json',
    errors: ok
      ? []
      : (fn.errors ?? []).map(
          (e) =>
            `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`,
        ),
  };
}

export function hasSchema(apiVersion: string, kind: string): boolean {
  return !!(builtinValidator(apiVersion, kind) ?? crdValidators.get(`${apiVersion} ${kind}`));
}
