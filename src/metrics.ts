// What GET /metrics answers, in Prometheus' text format, under the names prom-client users already
// chart: answers by operation and status, latency by operation, tenants in memory, how long a
// journal fsync takes (the wait every write pays), and prom-client's process_* and nodejs_* metrics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Answers that match no operation of the contract (unknown routes, /docs) are counted under this name. */
export const NO_OPERATION = 'none';

let processRegistry: Registry | undefined;

/** The process metrics describe the whole process, so every app in it (tests make many) shares one set. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Metrics {
  private readonly registry = new Registry();
  private tenantsInMemory: () => number = () => 0;
  private indexBuilds: () => number = () => 0;

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'Answers sent, by operationId (none outside the contract) and HTTP status.',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by operationId.',
    labelNames: ['operation'],
    // The sandbox answers most calls in a few milliseconds, so the buckets start well below the default 5 ms.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly journalSync = new Histogram({
    name: 'sandbox_journal_fsync_seconds',
    help: 'Time one journal write batch waited for fsync; every write it carries is answered only after it.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    // Gauges read at each scrape, from what the app tells them to read (countTenants, countIndexBuilds).
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('sandbox_tenants_in_memory', 'Tenants whose data is loaded in memory now.', () => this.tenantsInMemory());
    gauge(
      'sandbox_search_indexes_building',
      'Tenants whose search index is still being built after loading; their lookups are slower until it is done.',
      () => this.indexBuilds(),
    );
  }

  readonly contentType = this.registry.contentType;

  /** Where the tenants gauge reads its value at each scrape. */
  countTenants(read: () => number) {
    this.tenantsInMemory = read;
  }

  /** Where the index-build gauge reads its value at each scrape. */
  countIndexBuilds(read: () => number) {
    this.indexBuilds = read;
  }

  /** For the store's journal: seconds one fsync took. */
  readonly observeJournalSync = (seconds: number) => this.journalSync.observe(seconds);

  /** Counts every answer when it is sent; `operationOf` is read then, once routing has found it. */
  requestCounter(operationOf: (req: IncomingMessage) => string | undefined) {
    // The labelled series are few (operations × statuses), so each is looked up once and kept:
    // prom-client would otherwise hash the label set at every answer.
    const counted = new Map<string, Counter.Internal>();
    const timed = new Map<string, Histogram.Internal<'operation'>>();
    return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      const started = performance.now();
      // 'finish' comes once per answer; `on` spares the wrapper `once` makes.
      res.on('finish', () => {
        const operation = operationOf(req) ?? NO_OPERATION;
        const status = String(res.statusCode);
        const key = `${operation} ${status}`;
        let counter = counted.get(key);
        if (!counter) counted.set(key, (counter = this.requests.labels({ operation, status })));
        let histogram = timed.get(operation);
        if (!histogram) timed.set(operation, (histogram = this.duration.labels({ operation })));
        counter.inc();
        histogram.observe((performance.now() - started) / 1000);
      });
      next();
    };
  }

  async text(): Promise<string> {
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }
}
