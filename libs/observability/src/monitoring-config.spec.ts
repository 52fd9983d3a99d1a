import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import './resilience/resilience-metrics';
// The contexts define their own metrics (in the same registry): load every registered one.
import '../../../contexts';
import { metricsRegistry } from './metrics';

/**
 * The Grafana dashboard and the Prometheus rules may only use metrics the
 * services really export (or recording rules defined next to them), so a
 * renamed metric breaks this test rather than a 3 AM page.
 */
const ROOT = join(__dirname, '../../..');
const PROMQL_FUNCTIONS_AND_KEYWORDS =
  /^(sum|rate|irate|increase|histogram_quantile|by|without|on|ignoring|group_left|group_right|and|or|unless|max|min|avg|count|clamp_min|clamp_max|abs|vector|time|topk|bottomk|le|job|instance|delta|deriv|absent|label_replace|offset|bool|avg_over_time|max_over_time|min_over_time|sum_over_time|quantile_over_time|changes|resets|scalar|sort|sort_desc|round|ceil|floor|count_over_time|last_over_time|predict_linear|present_over_time)$/;

/**
 * Metrics of the third-party exporters the rules and the dashboard use: postgres-exporter v0.15,
 * redis_exporter v1.62, nginx-prometheus-exporter 1.3 (docker/docker-compose.yml).
 */
const EXPORTER_METRICS = [
  'pg_replication_lag_seconds',
  'pg_stat_activity_count',
  'pg_settings_max_connections',
  'redis_memory_used_bytes',
  'redis_memory_max_bytes',
  'redis_evicted_keys_total',
  'nginx_connections_active',
  'nginx_connections_waiting',
];

function exprsInDashboard(): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'expr' && typeof value === 'string') found.push(value);
        else walk(value);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'docker/grafana/keel-dashboard.json'), 'utf8')));
  return found;
}

function rules(file: string): Array<{ record?: string; alert?: string; expr: string; annotations?: Record<string, string> }> {
  const doc = parse(readFileSync(join(ROOT, 'docker/prometheus', file), 'utf8')) as {
    groups: Array<{ rules: Array<{ record?: string; alert?: string; expr: string }> }>;
  };
  return doc.groups.flatMap((g) => g.rules);
}

/** Identifiers (not the unit of `5m`) in a PromQL expression that are metric (or recording rule) names, ignoring label matchers and strings. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  return (withoutStrings.match(/(?<![0-9.])[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter(
    (t) => !PROMQL_FUNCTIONS_AND_KEYWORDS.test(t) && !/^(e|Inf|NaN)$/.test(t),
  );
}

describe('Monitoring configuration', () => {
  let exported: Set<string>;
  beforeAll(async () => {
    exported = new Set(['up']);
    for (const metric of await metricsRegistry.getMetricsAsJSON()) {
      exported.add(metric.name);
      if (String(metric.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(metric.name + s);
      if (String(metric.type) === 'summary') for (const s of ['_sum', '_count']) exported.add(metric.name + s);
    }
    for (const name of ['handles', 'requests', 'resources']) exported.add(`nodejs_active_${name}_all`); // renamed at exposition
    // The exporters of docker-compose.yml (names as the pinned versions export them) ...
    for (const name of EXPORTER_METRICS) exported.add(name);
    // ... and the counters the mtail programs declare (docker/mtail/*.mtail) from nginx's metrics log.
    for (const file of readdirSync(join(ROOT, 'docker/mtail')).filter((f) => f.endsWith('.mtail'))) {
      for (const [, name] of readFileSync(join(ROOT, 'docker/mtail', file), 'utf8').matchAll(/^(?:counter|gauge) (\w+)/gm))
        exported.add(name);
    }
  });

  const recorded = () => new Set(rules('recording-rules.yml').flatMap((r) => (r.record ? [r.record] : [])));

  it('When the dashboard is parsed, then every PromQL query uses only exported metrics or recording rules', () => {
    const known = new Set([...exported, ...recorded()]);
    const exprs = exprsInDashboard();
    expect(exprs.length).toBeGreaterThan(10);
    const unknown = exprs.flatMap(metricNames).filter((n) => !known.has(n) && !n.startsWith('$'));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('When the alert and recording rules are parsed, then they use only exported metrics or recording rules', () => {
    const known = new Set([...exported, ...recorded()]);
    const unknown = [...rules('recording-rules.yml'), ...rules('alerts.yml')]
      .flatMap((r) => metricNames(r.expr))
      .filter((n) => !known.has(n));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('When an alert is defined, then its runbook_url points to a runbook file that exists', () => {
    for (const alert of rules('alerts.yml').filter((r) => r.alert)) {
      const url = alert.annotations?.runbook_url ?? '';
      const path = /docs\/runbooks\/[a-z0-9-]+\.md$/.exec(url)?.[0];
      expect({ alert: alert.alert, path: path && readFileSync(join(ROOT, path), 'utf8').length > 200 }).toEqual({
        alert: alert.alert,
        path: true,
      });
    }
  });
});
