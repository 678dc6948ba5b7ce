import type { Registry } from 'prom-client';

/** One line of Prometheus's text format: `name{label="value",…} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** The samples named `name` in what `registry` serves to Prometheus (as scraped, so the text format is tested). */
export async function samplesOf(registry: Registry, name: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const line of (await registry.metrics()).split('\n')) {
    const [, sampleName, labels = '', value = ''] = SAMPLE.exec(line) ?? [];
    if (sampleName !== name) continue;
    const pairs = [...labels.matchAll(LABEL)].map(([, key = '', text = '']) => [key, text]);
    samples.push({ name: sampleName, labels: Object.fromEntries(pairs), value: Number(value) });
  }
  return samples;
}

/** The value of the one sample of `name` with exactly these labels; undefined when there is none. */
export async function sampleValue(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<number | undefined> {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const samples = await samplesOf(registry, name);
  return samples.find((sample) => JSON.stringify(Object.entries(sample.labels).sort()) === wanted)?.value;
}
