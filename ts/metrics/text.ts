// The Prometheus text exposition format 0.0.4: families of samples → text. Pure.
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** appended to the family's name: `_bucket`, `_sum`, `_count` of a histogram */
  suffix?: string;
  labels?: Readonly<Record<string, string>>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** A label value: backslash, double quote and line feed escaped. */
export const escapeLabelValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** HELP text: backslash and line feed escaped. */
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return '';
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** The exposition of `families`; a family without samples is left out, HELP and TYPE included. */
export function encode(families: readonly Family[]): string {
  let out = '';
  for (const f of families) {
    if (f.samples.length === 0) continue;
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) out += `${f.name}${s.suffix ?? ''}${labelText(s.labels)} ${formatValue(s.value)}\n`;
  }
  return out;
}

/** A histogram's samples: cumulative `_bucket`s by upper bound (then +Inf), `_sum`, `_count`. */
export function histogramSamples(bounds: readonly number[], counts: ArrayLike<number>, sum: number): Sample[] {
  const samples: Sample[] = [];
  let cumulative = 0;
  bounds.forEach((le, i) => {
    cumulative += counts[i];
    samples.push({ suffix: '_bucket', labels: { le: formatValue(le) }, value: cumulative });
  });
  const count = cumulative + counts[bounds.length];
  samples.push({ suffix: '_bucket', labels: { le: '+Inf' }, value: count });
  samples.push({ suffix: '_sum', value: sum });
  samples.push({ suffix: '_count', value: count });
  return samples;
}
