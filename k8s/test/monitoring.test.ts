// The monitoring component (k8s/components/monitoring): opt-in (prod only), its objects validate
// against the vendored prometheus-operator schemas, every PromQL expression of the rules and
// dashboards parses with Prometheus' own grammar and reads only metrics that something exports,
// docs/operations.md lists exactly the metrics the services export, every alert has a runbook entry.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { services } from '@taskwire/dev/services';
import { parsePromQL } from './promql.js';
import { k8sDir, parseYaml, render, repoRoot, validate, type Obj } from './render.js';

const prod = render('prod');
const dev = render('dev');
const of = (kind: string, objects: Obj[] = prod) => objects.filter((o) => o.kind === kind);
const [rule] = of('PrometheusRule');
const alerts: Obj[] = rule.spec.groups.flatMap((g: Obj) => g.rules.filter((r: Obj) => r.alert));
const dashboards = of('ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
const operations = readFileSync(join(repoRoot, 'docs/operations.md'), 'utf8');
const namespace = of('Namespace')[0].metadata.name as string;

/** Dashboard targets with Grafana's variables replaced by what Grafana sends Prometheus. */
const grafanaVariables: Record<string, string> = { $__rate_interval: '5m', $namespace: namespace };
const dashboardExprs = dashboards.flatMap((cm) =>
  Object.values(cm.data as Record<string, string>).flatMap((json) =>
    (JSON.parse(json).panels as Obj[]).flatMap((p) =>
      p.targets.map((t: Obj) => ({
        where: `${cm.metadata.name}: ${p.title}`,
        expr: (t.expr as string).replace(/\$__rate_interval|\$namespace/g, (v) => grafanaVariables[v]!),
      })),
    ),
  ),
);
const ruleExprs = rule.spec.groups.flatMap((g: Obj) =>
  g.rules.map((r: Obj) => ({ where: `${g.name}/${r.alert ?? r.record}`, expr: String(r.expr) })),
);

/** Names of the metrics the services register (`name: '...'` next to prom-client constructors). */
function exportedByServices(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
        for (const m of readFileSync(p, 'utf8').matchAll(/new prom\.\w+\(\{\s*name: '([a-z_:][a-z0-9_:]*)'/g))
          names.add(m[1]!);
    }
  };
  for (const dir of ['platform/src', 'gateway/src', 'subgraphs', 'consumers/src']) walk(join(repoRoot, dir));
  return names;
}
/** Metrics of the exporters the component scrapes besides the services (k8s/README.md). */
const exporterMetrics = new Set([
  'up', // Prometheus, per target
  'process_resident_memory_bytes', // prom-client's default metrics (platform/src/metrics.ts)
  'nodejs_eventloop_lag_p99_seconds',
  'kube_pod_container_status_restarts_total', // kube-state-metrics
  'kafka_consumergroup_lag', // Strimzi kafkaExporter
  'kafka_topic_partition_current_offset',
  'kafka_topic_partition_oldest_offset',
  'cnpg_backends_total', // CloudNativePG's default monitoring queries
  'cnpg_pg_replication_lag',
]);
/** Names the JMX exporter rules can produce: `$n` captures become any lower-case name part. */
const jmxNames: RegExp[] = parseYaml(
  readFileSync(join(k8sDir, 'components/monitoring/kafka-metrics-config.yml'), 'utf8'),
)[0].rules.map((r: Obj) => new RegExp(`^${String(r.name).toLowerCase().replace(/\$\d/g, '[a-z0-9_]+')}$`));

describe('monitoring component', () => {
  it('is opt-in: the prod overlay includes it, dev does not', () => {
    for (const kind of ['ServiceMonitor', 'PodMonitor', 'PrometheusRule']) {
      expect(of(kind).length, kind).toBeGreaterThan(0);
      expect(of(kind, dev), kind).toEqual([]);
    }
    expect(dashboards.length).toBe(2);
    expect(of('ConfigMap', dev).filter((c) => c.metadata.labels?.grafana_dashboard)).toEqual([]);
  });

  it('validates against the vendored prometheus-operator schemas, which reject broken objects', () => {
    for (const o of [...of('ServiceMonitor'), ...of('PodMonitor'), rule]) {
      const v = validate(o);
      expect(v.errors, `${o.kind}/${o.metadata.name}`).toEqual([]);
      expect(v.schema).toBe(`k8s/vendor/prometheus-operator/${o.kind.toLowerCase()}.schema.json`);
    }
    const sm = structuredClone(of('ServiceMonitor')[0]);
    sm.spec.endpoints[0].metricsPath = '/metrics'; // the field is `path`
    expect(validate(sm).errors.join()).toContain('metricsPath');
    const pm = structuredClone(of('PodMonitor')[0]);
    pm.spec.podMetricsEndpoints[0].scheme = 'ftp';
    expect(validate(pm).ok).toBe(false);
    const r = structuredClone(rule);
    r.spec.groups[0].rules[0].for = '5 minutes';
    expect(validate(r).ok).toBe(false);
    const missing = structuredClone(rule);
    delete missing.spec.groups[0].rules[0].expr;
    expect(validate(missing).ok).toBe(false);
  });

  it('every PromQL expression of the rules and dashboards parses', () => {
    expect(ruleExprs.length).toBe(alerts.length);
    expect(dashboardExprs.length).toBeGreaterThan(20);
    const failures = [...ruleExprs, ...dashboardExprs]
      .map(({ where, expr }) => ({ where, error: parsePromQL(expr).error }))
      .filter((x) => x.error);
    expect(failures).toEqual([]);
    expect(dashboardExprs.filter(({ expr }) => expr.includes('$'))).toEqual([]);
  });

  it('the parser rejects broken PromQL', () => {
    for (const bad of ['sum(rate(x_total[5m])) >', 'rate(x_total[5m)', 'nosuchfunction(x)', 'x{a="b"'])
      expect(parsePromQL(bad).error, bad).toBeDefined();
  });

  it('every expression selects series of the namespace the overlay deploys to', () => {
    for (const { where, expr } of [...ruleExprs, ...dashboardExprs])
      for (const s of parsePromQL(expr).selectors)
        expect(s.matchers, `${where}: ${s.metric}`).toContain(`namespace="${namespace}"`);
  });

  it('every metric read is exported by a service or a scraped exporter', () => {
    const services = exportedByServices();
    expect(services.has('outbox_lag_seconds')).toBe(true);
    const known = (m: string): boolean =>
      services.has(m) ||
      services.has(m.replace(/_(bucket|sum|count)$/, '')) ||
      exporterMetrics.has(m) ||
      jmxNames.some((r) => r.test(m));
    const unknown = [...ruleExprs, ...dashboardExprs].flatMap(({ where, expr }) =>
      parsePromQL(expr)
        .metrics.filter((m) => !known(m))
        .map((m) => `${where}: ${m}`),
    );
    expect(unknown).toEqual([]);
  });

  it("docs/operations.md's metrics table lists exactly the metrics the services export", () => {
    const section = operations.split("### Taskwire's metrics\n")[1]!.split(/^#{2,3} /m)[0]!;
    const documented = [...section.matchAll(/^\| `([a-z_:][a-z0-9_:]*)`/gm)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(30);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...new Set(documented)].sort()).toEqual([...exportedByServices()].sort());
  });

  it('every alert has a severity, a summary and a runbook entry in docs/operations.md', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(7);
    const headings = [...operations.matchAll(/^### (\w+)$/gm)].map((m) => m[1]);
    for (const a of alerts) {
      expect(['critical', 'warning'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.runbook_url, a.alert).toBe(`docs/operations.md#${a.alert.toLowerCase()}`);
      expect(headings, a.alert).toContain(a.alert);
      const entry = operations.split(`### ${a.alert}\n`)[1]!.split(/^#{2,3} /m)[0]!;
      expect(entry, a.alert).toContain('**What it means**');
      expect(entry, a.alert).toContain('**What to do**');
    }
    // And no runbook entry for an alert that does not exist.
    expect(headings.filter((h) => h!.startsWith('Taskwire')).sort()).toEqual(alerts.map((a) => a.alert).sort());
  });

  it('alerts on consumer lag for every durable group: all but the per-replica feeds, which commit nothing', () => {
    const lag = alerts.find((a) => a.alert === 'TaskwireConsumerLagHigh')!;
    const excluded = /consumergroup!~"([^"]+)"/.exec(lag.expr)![1]!.split('|').sort();
    expect(excluded).toEqual(['gateway-revocations-.*', 'planning-subs-.*', 'tasks-subs-.*']);
    // They are the prefixes of the group ids those feeds make up per process ...
    const source = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
    expect(source('gateway/src/revocations.ts')).toContain('groupId: `gateway-revocations-${');
    expect(source('subgraphs/planning/src/subscriptions/reminder-feed.ts')).toContain('`planning-subs-${');
    expect(source('subgraphs/tasks/src/subscriptions/change-feed.ts')).toContain('`tasks-subs-${');
    // ... and no durable consumer's group falls under them.
    const feeds = excluded.map((p) => new RegExp(`^(${p})$`));
    const durable = services.filter((s) => s.kind === 'consumer').map((s) => s.name);
    expect(durable.length).toBeGreaterThan(3);
    expect(durable.filter((name) => feeds.some((f) => f.test(name)))).toEqual([]);
  });

  it('scrapes every Taskwire Service on its http port', () => {
    const [sm] = of('ServiceMonitor');
    const selected = of('Service').filter((s) =>
      Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => s.metadata.labels?.[k] === v),
    );
    expect(selected.map((s) => s.metadata.name).sort()).toEqual([...services.map((s) => s.name), 'web'].sort());
    for (const s of selected) expect(s.spec.ports.map((p: Obj) => p.name)).toContain(sm.spec.endpoints[0].port);
  });

  it('scrapes the gateway and the subgraphs on their ops port only (their http port has no /metrics)', () => {
    const [sm] = of('ServiceMonitor');
    const [http, ops] = sm.spec.endpoints;
    expect(ops).toMatchObject({ port: 'ops', path: '/metrics' });
    expect(http.relabelings).toContainEqual({
      sourceLabels: ['__meta_kubernetes_service_label_app_kubernetes_io_component'],
      regex: 'gateway|subgraph',
      action: 'drop',
    });
    const withOpsPort = services.filter((s) => s.opsPort !== undefined).map((s) => s.name);
    expect(withOpsPort).toEqual(expect.arrayContaining(['gateway', 'accounts', 'tasks', 'planning', 'audit']));
    const withOps = of('Service').filter((s) => s.spec.ports.some((p: Obj) => p.name === 'ops'));
    expect(withOps.map((s) => s.metadata.name).sort()).toEqual([...withOpsPort].sort());
    for (const s of withOps)
      expect(['gateway', 'subgraph']).toContain(s.metadata.labels['app.kubernetes.io/component']);
  });

  it('turns on Strimzi JMX metrics from the generated ConfigMap, and the kafkaExporter', () => {
    const [kafka] = of('Kafka');
    const ref = kafka.spec.kafka.metricsConfig.valueFrom.configMapKeyRef;
    const cm = of('ConfigMap').find((c) => c.metadata.name === ref.name);
    expect(cm?.data?.[ref.key]).toContain('lowercaseOutputName: true');
    expect(kafka.spec.kafkaExporter).toBeDefined();
    const pmKafka = of('PodMonitor').find((p) => p.metadata.name === 'taskwire-kafka')!;
    expect(pmKafka.spec.podMetricsEndpoints[0].port).toBe('tcp-prometheus');
    const pmPg = of('PodMonitor').find((p) => p.metadata.name === 'taskwire-pg')!;
    expect(pmPg.spec.selector.matchLabels['cnpg.io/cluster']).toBe(of('Cluster')[0].metadata.name);
  });

  it('lets Prometheus reach only the metrics ports', () => {
    const scrape = of('NetworkPolicy').filter((p) => p.metadata.name.startsWith('prometheus-scrape'));
    expect(scrape.map((p) => p.metadata.name).sort()).toEqual([
      'prometheus-scrape',
      'prometheus-scrape-kafka',
      'prometheus-scrape-postgres',
    ]);
    const ports = Object.fromEntries(
      scrape.map((p) => [p.metadata.name, p.spec.ingress.flatMap((r: Obj) => r.ports.map((x: Obj) => x.port))]),
    );
    expect(ports).toEqual({
      'prometheus-scrape': [8080, 9090],
      'prometheus-scrape-kafka': [9404],
      'prometheus-scrape-postgres': [9187],
    });
    for (const p of scrape)
      for (const r of p.spec.ingress)
        expect(r.from).toEqual([
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          },
        ]);
  });

  it('dashboards are valid Grafana JSON with unique uids and a Prometheus datasource variable', () => {
    const parsed = dashboards.flatMap((cm) =>
      Object.values(cm.data as Record<string, string>).map((j) => JSON.parse(j)),
    );
    expect(new Set(parsed.map((d) => d.uid)).size).toBe(parsed.length);
    for (const d of parsed) {
      expect(d.templating.list.find((v: Obj) => v.name === 'datasource')?.query, d.uid).toBe('prometheus');
      for (const p of d.panels) expect(p.datasource.uid, `${d.uid}: ${p.title}`).toBe('${datasource}');
    }
  });
});
