/** Reads the server's resident memory from its Prometheus endpoint. */
const RSS_METRIC = 'copydesk_process_resident_memory_bytes';

export interface RssReading {
  bytes: number | null;
  /** Why there is no reading (HTTP status, network error, metric missing). */
  problem?: string;
}

export async function readServerRss(baseUrl: string, metricsToken: string | null): Promise<RssReading> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, {
      headers: metricsToken ? { authorization: `Bearer ${metricsToken}` } : {},
    });
    if (!response.ok) return { bytes: null, problem: `GET /metrics answered ${response.status}` };
    const bytes = parseResidentMemory(await response.text());
    return bytes === null ? { bytes, problem: `${RSS_METRIC} is missing` } : { bytes };
  } catch (error) {
    return { bytes: null, problem: `GET /metrics failed: ${(error as Error).message}` };
  }
}

/** The value of the unlabelled RSS sample in Prometheus text format, or null. */
export function parseResidentMemory(exposition: string): number | null {
  for (const line of exposition.split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === RSS_METRIC && value !== undefined) {
      const bytes = Number(value);
      return Number.isFinite(bytes) ? bytes : null;
    }
  }
  return null;
}
