// kubectl kustomize renders both overlays; every object validates against the vendored
// Kubernetes v1.32 schema or its operator's schema (Strimzi CRDs, CloudNativePG, prometheus-operator
// and Gateway API JSON Schemas; k8s/vendor/README.md), and the validator rejects unknown fields
// and wrong types.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { services } from '@taskwire/dev/services';
import { hasSchema, render, repoRoot, validate, type Obj } from './render.js';

const overlays = { dev: render('dev'), prod: render('prod') };
const clone = <T>(x: T): T => structuredClone(x);

describe.each(Object.entries(overlays))('overlay %s', (name, objects) => {
  it('renders', () => {
    expect(objects.length).toBeGreaterThan(30);
  });

  it('every object validates against its vendored schema', () => {
    const unvalidated = [
      ...new Set(objects.filter((o) => !hasSchema(o.apiVersion, o.kind)).map((o) => `${o.apiVersion} ${o.kind}`)),
    ];
    expect(unvalidated, `[${name}] kinds without a vendored schema`).toEqual([]);
    const failures = objects
      .map((o) => ({ o, v: validate(o) }))
      .filter(({ v }) => !v.ok)
      .map(({ o, v }) => `${o.kind}/${o.metadata.name}: ${v.errors.join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('has a Deployment and a Service for every process in dev/src/services.ts, and the web app', () => {
    for (const s of [...services.map((x) => x.name), 'web']) {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === s);
      expect(d, `Deployment ${s}`).toBeDefined();
      expect(d!.spec.template.spec.containers[0].args).toEqual([s]);
      expect(
        objects.find((o) => o.kind === 'Service' && o.metadata.name === s),
        `Service ${s}`,
      ).toBeDefined();
    }
  });

  it('runs each subgraph migration before the subgraph starts', () => {
    for (const s of services.filter((x) => x.kind === 'subgraph')) {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === s.name)!;
      expect(d.spec.template.spec.initContainers?.[0]?.args).toEqual(['migrate', s.name]);
    }
  });

  it('routes the same paths to the same Services through the Ingress and the Gateway API HTTPRoute', () => {
    const [ingress] = objects.filter((o) => o.kind === 'Ingress');
    const [route] = objects.filter((o) => o.kind === 'HTTPRoute');
    const viaIngress = ingress.spec.rules[0].http.paths.map((p: Obj) => [p.path, p.backend.service.name]);
    const viaRoute = route.spec.rules.map((r: Obj) => [r.matches[0].path.value, r.backendRefs[0].name]);
    expect(viaRoute).toEqual(viaIngress);
    expect(route.spec.hostnames).toEqual([ingress.spec.rules[0].host]);
    // graphql-ws subscriptions are upgraded, long-lived requests on /graphql: no request timeout.
    expect(route.spec.rules.find((r: Obj) => r.matches[0].path.value === '/graphql').timeouts.request).toBe('0s');
    const edge = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'edge-from-gateway-api');
    expect(edge.spec.podSelector.matchExpressions[0].values).toEqual(['gateway', 'web']);
  });

  it('mounts the generated supergraph ConfigMap into the gateway', () => {
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('supergraph-'));
    expect(cm?.data?.['supergraph.graphql']).toBeDefined();
    const gw = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway')!;
    expect(gw.spec.template.spec.volumes.find((v: Obj) => v.name === 'supergraph').configMap.name).toBe(
      cm!.metadata.name,
    );
  });
});

describe('the validator rejects broken objects', () => {
  const deployment = overlays.prod.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway')!;
  const topic = overlays.prod.find((o) => o.kind === 'KafkaTopic')!;
  const kafka = overlays.prod.find((o) => o.kind === 'Kafka')!;
  const pg = overlays.prod.find((o) => o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1')!;
  const pgBackup = overlays.prod.find((o) => o.kind === 'ScheduledBackup')!;

  it('accepts the originals, CloudNativePG ones against the vendored CloudNativePG schemas', () => {
    for (const o of [deployment, topic, kafka, pg, pgBackup]) expect(validate(o).errors).toEqual([]);
    expect(validate(pg).schema).toBe('k8s/vendor/cloudnative-pg/cluster.schema.json');
    expect(validate(pgBackup).schema).toBe('k8s/vendor/cloudnative-pg/scheduledbackup.schema.json');
  });

  it('rejects an unknown field in a container', () => {
    const d = clone(deployment);
    d.spec.template.spec.containers[0].livenesProbe = d.spec.template.spec.containers[0].livenessProbe;
    const v = validate(d);
    expect(v.ok).toBe(false);
    expect(v.errors.join()).toContain('livenesProbe');
  });

  it('rejects a wrong type', () => {
    const d = clone(deployment);
    d.spec.replicas = 'three';
    expect(validate(d).ok).toBe(false);
    const p = clone(deployment);
    p.spec.template.spec.containers[0].ports[0].containerPort = '8080';
    expect(validate(p).ok).toBe(false);
  });

  it('rejects an unknown field and a wrong type in Strimzi resources', () => {
    const t = clone(topic);
    t.spec.partitions = 'twelve';
    expect(validate(t).ok).toBe(false);
    const k = clone(kafka);
    k.spec.kafka.brokerCount = 3; // not a field of Kafka
    const v = validate(k);
    expect(v.ok).toBe(false);
    expect(v.errors.join()).toContain('brokerCount');
  });

  it('rejects an unknown field and a wrong type in CloudNativePG resources', () => {
    const unknown = clone(pg);
    unknown.spec.replicas = 3; // Deployment's word, not a Cluster field
    let v = validate(unknown);
    expect(v.ok).toBe(false);
    expect(v.errors.join()).toContain('replicas');
    const nested = clone(pg);
    nested.spec.backup.barmanObjectStore.s3Credentials.accessKeyId.secret = 'x'; // nested unknown field
    v = validate(nested);
    expect(v.ok).toBe(false);
    expect(v.errors.join()).toContain('secret');
    const wrongType = clone(pg);
    wrongType.spec.instances = 'three';
    v = validate(wrongType);
    expect(v.ok).toBe(false);
    expect(v.errors.join()).toContain('/spec/instances must be integer');
    const badStorage = clone(pg);
    badStorage.spec.storage.size = 50;
    expect(validate(badStorage).ok).toBe(false);
    const badEnum = clone(pgBackup);
    badEnum.spec.backupOwnerReference = 'owner';
    expect(validate(badEnum).ok).toBe(false);
    const missing = clone(pgBackup);
    delete missing.spec.schedule;
    expect(validate(missing).ok).toBe(false);
    const badRetention = clone(pg);
    badRetention.spec.backup.retentionPolicy = '30 days';
    expect(validate(badRetention).ok).toBe(false);
  });

  it('rejects an unknown field and a wrong value in the Gateway API HTTPRoute', () => {
    const route = overlays.prod.find((o) => o.kind === 'HTTPRoute')!;
    expect(validate(route).errors).toEqual([]);
    expect(validate(route).schema).toBe('k8s/vendor/gateway-api/httproute.schema.json');
    const ingressWord = clone(route);
    ingressWord.spec.rules[0].matches[0].path.type = 'Prefix'; // the Ingress spelling, not Gateway API's
    expect(validate(ingressWord).ok).toBe(false);
    const unknown = clone(route);
    unknown.spec.rules[0].backendRefs[0].servicePort = 80;
    expect(validate(unknown).errors.join()).toContain('servicePort');
    const badTimeout = clone(route);
    badTimeout.spec.rules[0].timeouts.request = '1 hour';
    expect(validate(badTimeout).ok).toBe(false);
  });

  it('rejects a kind it has no schema for', () => {
    expect(validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }).ok).toBe(false);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  it('builds with the shared script on node:22-slim and runs as a numeric non-root user under tini', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-slim$/m);
    expect(dockerfile).toMatch(/^RUN bash bin\/build-image-fs\.sh$/m);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "node", "bin\/taskwire\.mjs"\]$/m);
  });
  it('matches the pod securityContext user', () => {
    for (const d of overlays.prod.filter((o) => o.kind === 'Deployment'))
      expect(d.spec.template.spec.securityContext.runAsUser).toBe(1000);
  });
});
