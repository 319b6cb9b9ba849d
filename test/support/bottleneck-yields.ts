/**
 * Octokit's throttling and retry plugins schedule every request through Bottleneck (light build),
 * whose local store yields to the event loop with `setTimeout(resolve, 0)` before each step of a
 * job. A zero timer waits at least a millisecond (longer on a loaded machine), and a request takes
 * several such steps in each of its limiters (retry, global, write): measured against the stand-in,
 * 18-23 ms per request through the app's Octokit vs 2 ms with plain fetch, most of an app test's
 * wall time (2,000 requests in test/app/queue.test.ts).
 *
 * `fastBottleneckYields()` makes those zero-length yields `setImmediate` (still a turn of the event
 * loop, after pending I/O, without the timer's minimum wait); waits of a given length (rate-limit
 * retries, `minTime`) stay timers. Bottleneck's order of work is unchanged. For tests only
 * (useHarness calls it): the benchmark and the demo keep production scheduling, so their handling
 * times include this cost as production does.
 */
import { createRequire } from "node:module";

interface Store {
  Promise: PromiseConstructor;
  yieldLoop(t?: number): Promise<void>;
}

interface LimiterClass {
  new (): { _store: Store; disconnect(): Promise<void> };
}

let patched = false;

/** Once per process: Bottleneck's zero-length yields become `setImmediate` (both builds). */
export function fastBottleneckYields(): void {
  if (patched) return;
  patched = true;
  const require = createRequire(import.meta.url);
  // The light build the Octokit plugins import keeps its store class inside the bundle.
  const Light = require("bottleneck/light.js") as LimiterClass;
  const probe = new Light();
  immediateYields(Object.getPrototypeOf(probe._store) as Store);
  void probe.disconnect();
  // The full build, whose groups the harness gives plugin-throttling (app-harness.ts UNPACED).
  immediateYields((require("bottleneck/lib/LocalDatastore.js") as { prototype: Store }).prototype);
}

function immediateYields(store: Store): void {
  const timed = store.yieldLoop;
  store.yieldLoop = function (this: Store, t = 0) {
    return t > 0 ? timed.call(this, t) : new this.Promise<void>((resolve) => setImmediate(resolve));
  };
}
