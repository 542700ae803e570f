/** Reads the server's resident memory from its Prometheus endpoint. */
const RSS_METRIC = 'copydesk_process_resident_memory_bytes';

export interface RssReading {
  bytes: number | null;
  /** Why there is no reading (HTTP status, network error, metric missing). */
  problem?: string;
}

export async function readServerRss(baseUrl: string, metricsToken: string | null): Promise<RssReading> {
  const exposition = await readExposition(baseUrl, metricsToken);
  return 'problem' in exposition ? { bytes: null, problem: exposition.problem } : rssFrom(exposition.text);
}

function rssFrom(text: string): RssReading {
  const bytes = parseResidentMemory(text);
  return bytes === null ? { bytes, problem: `${RSS_METRIC} is missing` } : { bytes };
}

export interface CounterReading {
  value: number | null;
  problem?: string;
}

/** One sample of a counter, e.g. `copydesk_presence_broadcasts_total{kind="entry"}`. */
export async function readServerCounter(
  baseUrl: string,
  metricsToken: string | null,
  sample: string,
): Promise<CounterReading> {
  const exposition = await readExposition(baseUrl, metricsToken);
  if ('problem' in exposition) return { value: null, problem: exposition.problem };
  const value = parseSample(exposition.text, sample);
  return value === null ? { value, problem: `${sample} is missing` } : { value };
}

/** One scrape read for several things at once: the RSS and the exposition itself ('' when unreadable). */
export async function readServerScrape(
  baseUrl: string,
  metricsToken: string | null,
): Promise<{ rss: RssReading; exposition: string }> {
  const exposition = await readExposition(baseUrl, metricsToken);
  if ('problem' in exposition) return { rss: { bytes: null, problem: exposition.problem }, exposition: '' };
  return { rss: rssFrom(exposition.text), exposition: exposition.text };
}

async function readExposition(
  baseUrl: string,
  metricsToken: string | null,
): Promise<{ text: string } | { problem: string }> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, {
      headers: metricsToken ? { authorization: `Bearer ${metricsToken}` } : {},
    });
    if (!response.ok) return { problem: `GET /metrics answered ${response.status}` };
    return { text: await response.text() };
  } catch (error) {
    return { problem: `GET /metrics failed: ${(error as Error).message}` };
  }
}

/** The value of the unlabelled RSS sample in Prometheus text format, or null. */
export function parseResidentMemory(exposition: string): number | null {
  return parseSample(exposition, RSS_METRIC);
}

/** The value of one sample (a metric name with its labels exactly as exposed), or null. */
export function parseSample(exposition: string, sample: string): number | null {
  for (const line of exposition.split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === sample && value !== undefined) {
      const number = Number(value);
      return Number.isFinite(number) ? number : null;
    }
  }
  return null;
}
