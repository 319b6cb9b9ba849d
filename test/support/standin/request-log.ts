/**
 * Counts API requests made by the code under test (app and worker tokens, anonymous calls), per
 * route template and per issue/PR number. Requests made by simulated persons (`as(login)`) are not
 * counted: they are the test's own doing.
 */
import type { RequestLog } from "./types.js";

type Entry = RequestLog["entries"][number];

/**
 * Whether a counted request writes: every method but GET and HEAD, except a GraphQL query (a
 * `POST /graphql` that only reads).
 */
export function isWrite(e: Entry): boolean {
  return e.method !== "GET" && e.method !== "HEAD" && e.operation !== "query";
}

export class RequestCounter implements RequestLog {
  readonly byRoute = new Map<string, number>();
  readonly byItem = new Map<number, number>();
  private list: Entry[] = [];

  /** Every counted request, 304s included. */
  get total(): number {
    return this.list.length;
  }

  /**
   * Requests GitHub charges against the primary rate limit: all but conditional GETs answered
   * `304 Not Modified` (docs.github.com, "Rate limits for the REST API").
   */
  get charged(): number {
    return this.list.filter((e) => e.status !== 304).length;
  }

  /** Conditional GETs answered `304 Not Modified` (not charged). */
  get notModified(): number {
    return this.list.length - this.charged;
  }

  get entries(): ReadonlyArray<Entry> {
    return this.list;
  }

  record(e: Entry): void {
    this.list.push(e);
    this.byRoute.set(e.route, (this.byRoute.get(e.route) ?? 0) + 1);
    if (e.item !== undefined) this.byItem.set(e.item, (this.byItem.get(e.item) ?? 0) + 1);
  }

  reset(): void {
    this.byRoute.clear();
    this.byItem.clear();
    this.list = [];
  }
}
