/**
 * Counts API requests made by the code under test (app and worker tokens, anonymous calls), per
 * route template and per issue/PR number. Requests made by simulated persons (`as(login)`) are not
 * counted: they are the test's own doing.
 */
import type { RequestLog } from "./types.js";

type Entry = RequestLog["entries"][number];

export class RequestCounter implements RequestLog {
  readonly byRoute = new Map<string, number>();
  readonly byItem = new Map<number, number>();
  private list: Entry[] = [];

  get total(): number {
    return this.list.length;
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
