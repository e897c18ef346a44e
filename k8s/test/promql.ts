// PromQL through the Prometheus project's own grammar (@prometheus-io/lezer-promql, the parser
// of Prometheus' web UI). Lezer parsers recover from errors by inserting error nodes, so an
// expression parses only when its tree has none.
import { parser } from '@prometheus-io/lezer-promql';

export interface ParsedPromQL {
  /** Why the expression does not parse (position and the text around it), or undefined. */
  error?: string;
  /** Metric names of its vector selectors, e.g. `foo_total` of `rate(foo_total{a="b"}[5m])`. */
  metrics: string[];
  /** The label matchers of each vector selector, as written (`namespace="taskwire"`). */
  selectors: { metric: string; matchers: string[] }[];
}

export function parsePromQL(expr: string): ParsedPromQL {
  const tree = parser.parse(expr);
  let error: string | undefined;
  const selectors: ParsedPromQL['selectors'] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError && error === undefined)
        error = `syntax error at ${node.from}: …${expr.slice(Math.max(0, node.from - 20), node.from + 20)}…`;
      if (node.name !== 'VectorSelector') return;
      const metric = node.node.getChild('Identifier');
      const matchers = node.node.getChild('LabelMatchers');
      selectors.push({
        metric: metric ? expr.slice(metric.from, metric.to) : '',
        matchers: matchers
          ? matchers.getChildren('UnquotedLabelMatcher').map((m) => expr.slice(m.from, m.to).replace(/\s+/g, ''))
          : [],
      });
    },
  });
  return { error, selectors, metrics: [...new Set(selectors.map((s) => s.metric).filter(Boolean))] };
}
