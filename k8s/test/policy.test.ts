// Policy over the rendered prod overlay: what a platform team checks before accepting manifests.
import { describe, expect, it } from 'vitest';
import { render, type Obj } from './render.js';
import { allTopics, deadLetterTopic } from '@taskwire/platform/events';

const prod = render('prod');
const of = (kind: string) => prod.filter((o) => o.kind === kind);
const deployments = of('Deployment');
const matches = (selector: Obj, labels: Record<string, string>): boolean => {
  if (!selector) return false;
  const ml = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const me = (selector.matchExpressions ?? []).every((e: { key: string; operator: string; values?: string[] }) => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        return has && e.values!.includes(labels[e.key]!);
      case 'NotIn':
        return !has || !e.values!.includes(labels[e.key]!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(e.operator);
    }
  });
  return ml && me;
};

describe('prod policy', () => {
  const containers = deployments.flatMap((d) => [
    ...d.spec.template.spec.containers.map((c: Obj) => ({ d, c, init: false })),
    ...(d.spec.template.spec.initContainers ?? []).map((c: Obj) => ({ d, c, init: true })),
  ]);

  it('every container has requests, limits, non-root, read-only root fs, no privilege escalation, no capabilities', () => {
    expect(containers.length).toBeGreaterThan(deployments.length);
    for (const { d, c } of containers) {
      const where = `${d.metadata.name}/${c.name}`;
      expect(c.resources?.requests?.cpu, where).toBeDefined();
      expect(c.resources?.requests?.memory, where).toBeDefined();
      expect(c.resources?.limits?.cpu, where).toBeDefined();
      expect(c.resources?.limits?.memory, where).toBeDefined();
      const sc = { ...d.spec.template.spec.securityContext, ...c.securityContext };
      expect(sc.runAsNonRoot, where).toBe(true);
      expect(c.securityContext?.readOnlyRootFilesystem, where).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation, where).toBe(false);
      expect(c.securityContext?.capabilities?.drop, where).toContain('ALL');
    }
  });

  it('every long-running container has startup, liveness and readiness probes on /healthz and /readyz', () => {
    for (const { d, c } of containers.filter((x) => !x.init)) {
      const where = `${d.metadata.name}/${c.name}`;
      expect(c.startupProbe?.httpGet?.path, where).toBe('/healthz');
      expect(c.livenessProbe?.httpGet?.path, where).toBe('/healthz');
      expect(c.readinessProbe?.httpGet?.path, where).toBe('/readyz');
    }
  });

  it('the gateway and every subgraph take GATEWAY_SECRET from its Secret and are probed on their ops port', () => {
    const edge = containers.filter(
      (x) => !x.init && ['gateway', 'subgraph'].includes(x.d.metadata.labels['app.kubernetes.io/component']),
    );
    expect(edge.length).toBe(5);
    for (const { d, c } of edge) {
      const secret = (c.env ?? []).find((e: Obj) => e.name === 'GATEWAY_SECRET');
      expect(secret?.valueFrom?.secretKeyRef, d.metadata.name).toEqual({
        name: 'taskwire-gateway-secret',
        key: 'GATEWAY_SECRET',
      });
      expect(
        c.ports.map((p: Obj) => p.name),
        d.metadata.name,
      ).toEqual(['http', 'ops']);
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe])
        expect(probe.httpGet.port, d.metadata.name).toBe('ops');
    }
  });

  it('every Deployment is matched by a PodDisruptionBudget, runs 2+ replicas and spreads over zones and nodes', () => {
    for (const d of deployments) {
      const labels = d.spec.template.metadata.labels;
      expect(
        of('PodDisruptionBudget').some((p) => matches(p.spec.selector, labels)),
        d.metadata.name,
      ).toBe(true);
      expect(d.spec.replicas, d.metadata.name).toBeGreaterThanOrEqual(2);
      const keys = (d.spec.template.spec.topologySpreadConstraints ?? []).map((t: Obj) => t.topologyKey);
      expect(keys, d.metadata.name).toEqual(
        expect.arrayContaining(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']),
      );
      expect(d.spec.template.spec.terminationGracePeriodSeconds, d.metadata.name).toBeGreaterThanOrEqual(15);
    }
  });

  it('the gateway and every subgraph have an HPA', () => {
    for (const d of deployments.filter((x) =>
      ['gateway', 'subgraph'].includes(x.metadata.labels['app.kubernetes.io/component']),
    )) {
      expect(
        of('HorizontalPodAutoscaler').some(
          (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name,
        ),
        d.metadata.name,
      ).toBe(true);
    }
  });

  it('NetworkPolicies: a subgraph is reachable from the gateway and from nothing else but Prometheus scraping', () => {
    // The monitoring component's scrape policy admits Prometheus (namespace monitoring) on the
    // http port; monitoring.test.ts pins its peer and port. Every other rule admits the gateway only.
    const scrape = 'prometheus-scrape';
    const policies = of('NetworkPolicy').filter((p) => p.metadata.name !== scrape);
    expect(of('NetworkPolicy').filter((p) => p.metadata.name === scrape).length).toBe(1);
    const subgraphs = deployments.filter((d) => d.metadata.labels['app.kubernetes.io/component'] === 'subgraph');
    expect(subgraphs.length).toBe(4);
    for (const sg of subgraphs) {
      const labels = sg.spec.template.metadata.labels;
      const selecting = policies.filter(
        (p) => matches(p.spec.podSelector, labels) && p.spec.policyTypes.includes('Ingress'),
      );
      // Isolated for ingress: some policy selects it with Ingress type (default deny included).
      expect(selecting.length, sg.metadata.name).toBeGreaterThan(0);
      const peers = selecting.flatMap((p) => (p.spec.ingress ?? []).flatMap((r: Obj) => r.from ?? [{}]));
      for (const peer of peers) {
        // Only same-namespace pod selectors that select the gateway and no other workload.
        expect(peer.namespaceSelector, sg.metadata.name).toBeUndefined();
        expect(peer.ipBlock, sg.metadata.name).toBeUndefined();
        expect(peer.podSelector, sg.metadata.name).toBeDefined();
        const reached = deployments
          .filter((d) => matches(peer.podSelector, d.spec.template.metadata.labels))
          .map((d) => d.metadata.name);
        expect(reached, sg.metadata.name).toEqual(['gateway']);
      }
      expect(peers.length, `${sg.metadata.name} has an allow rule for the gateway`).toBeGreaterThan(0);
    }
  });

  it('NetworkPolicies: only Taskwire data clients reach PostgreSQL and Kafka', () => {
    const pg = of('NetworkPolicy').find((p) => p.metadata.name === 'postgres-ingress')!;
    expect(pg.spec.podSelector.matchLabels['cnpg.io/cluster']).toBe('taskwire-pg');
    const peers = pg.spec.ingress.flatMap((r: Obj) => r.from);
    const appPeers = peers.filter((p: Obj) => !p.namespaceSelector && !p.podSelector?.matchLabels?.['cnpg.io/cluster']);
    expect(appPeers).toEqual([{ podSelector: { matchLabels: { 'taskwire.dev/data-client': 'true' } } }]);
    const kafka = of('Kafka')[0];
    for (const l of kafka.spec.kafka.listeners)
      expect(l.networkPolicyPeers).toEqual([
        { podSelector: { matchLabels: { 'taskwire.dev/data-client': 'true' } } },
        { podSelector: { matchLabels: { 'taskwire.dev/kafka-client': 'true' } } },
      ]);
    // Kafka without PostgreSQL: only the gateway (its revocation feed reads user-events).
    const kafkaOnly = deployments
      .filter((d) => d.spec.template.metadata.labels['taskwire.dev/kafka-client'] === 'true')
      .map((d) => d.metadata.name as string);
    expect(kafkaOnly).toEqual(['gateway']);
    const clients = deployments
      .filter((d) => d.spec.template.metadata.labels['taskwire.dev/data-client'] === 'true')
      .map((d) => d.metadata.name)
      .sort();
    expect(clients).toEqual([
      'accounts',
      'audit',
      'audit-writer',
      'notifier',
      'planning',
      'planning-sync',
      'recurrence',
      'scheduler',
      'tasks',
    ]);
  });

  it('no Secret carries a literal value; secrets are only referenced', () => {
    for (const s of of('Secret')) expect(s.data ?? s.stringData, s.metadata.name).toBeUndefined();
    for (const { c } of containers)
      for (const e of c.env ?? [])
        if (/KEY|SECRET|PASSWORD|TOKEN|DATABASE_URL|SMTP_URL/.test(e.name))
          expect(e.valueFrom?.secretKeyRef, e.name).toBeDefined();
    for (const cm of of('ConfigMap').filter((c) => !c.metadata.name.startsWith('supergraph-')))
      // Values only: a setting may be named after passwords (PASSWORD_RESET_WINDOW_SECONDS).
      expect(JSON.stringify(Object.values(cm.data ?? {}))).not.toMatch(/password|BEGIN [A-Z ]*PRIVATE KEY/i);
  });

  it('Strimzi: KRaft with node pools, 3 brokers, every topic with RF 3 and min.insync.replicas 2, DLQs', () => {
    const kafka = of('Kafka')[0];
    expect(kafka.metadata.annotations).toMatchObject({
      'strimzi.io/node-pools': 'enabled',
      'strimzi.io/kraft': 'enabled',
    });
    expect(kafka.spec.zookeeper).toBeUndefined();
    const pools = of('KafkaNodePool');
    expect(pools.filter((p) => p.spec.roles.includes('broker')).reduce((n, p) => n + p.spec.replicas, 0)).toBe(3);
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBe(2);
    const topics = of('KafkaTopic');
    // Exactly the topics of the event contract and their dead-letter topics.
    expect(topics.map((t) => t.metadata.name).sort()).toEqual([...allTopics, ...allTopics.map(deadLetterTopic)].sort());
    for (const t of topics) {
      expect(t.spec.replicas).toBe(3);
      expect(t.spec.config['min.insync.replicas']).toBe(2);
      expect(t.spec.partitions).toBeGreaterThan(0);
      expect(t.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
    }
  });

  it('CloudNativePG: 3 instances, backups configured with credentials by reference', () => {
    const [cluster] = of('Cluster');
    expect(cluster.spec.instances).toBe(3);
    const creds = cluster.spec.backup.barmanObjectStore.s3Credentials;
    for (const ref of Object.values<Obj>(creds)) expect(Object.keys(ref).sort()).toEqual(['key', 'name']);
    expect(of('ScheduledBackup')[0].spec.cluster.name).toBe(cluster.metadata.name);
  });
});
