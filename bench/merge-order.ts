import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import type { Track } from "../src/config/schema.js";
import { landingOrder, type LandingItem } from "../src/domain/merge-plan.js";
import { mulberry32 } from "../test/support/random.js";

/** 10,000 queued items; each depends on 0-3 earlier items; random track, WSJF and approval time. */
function randomItems(count: number, seed: number): LandingItem<number>[] {
  const rand = mulberry32(seed);
  const tracks: Track[] = ["hotfix", "standard", "standard", "standard", "project"];
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const deps = new Set<number>();
    const want = i === 0 ? 0 : Math.floor(rand() * 4);
    for (let k = 0; k < want; k++) deps.add(1 + Math.floor(rand() * i));
    return {
      id: i + 1,
      track: tracks[Math.floor(rand() * tracks.length)],
      score: rand() < 0.1 ? null : Math.round(rand() * 200) / 10,
      approvedAt: new Date(start + Math.floor(rand() * 30 * 24 * 3600 * 1000)).toISOString(),
      dependsOn: [...deps],
    };
  });
}

/**
 * Benchmark (issue #6 "Done when"): the landing order of 10,000 queued items with random
 * dependencies. Returns the item count, dependency edge count and the time of `landingOrder` in ms
 * (input generation excluded). Throws if the order is incomplete, so a broken run is not timed.
 */
export async function benchMergeOrder(): Promise<{ items: number; edges: number; ms: number }> {
  const items = randomItems(10_000, 20_250_101);
  const edges = items.reduce((sum, it) => sum + it.dependsOn.length, 0);
  landingOrder(items.slice(0, 500));
  const t0 = performance.now();
  const result = landingOrder(items);
  const ms = performance.now() - t0;
  if (result.order.length !== items.length) {
    throw new Error(`landing order incomplete: ${result.order.length}/${items.length}`);
  }
  return { items: items.length, edges, ms: Math.round(ms * 100) / 100 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchMergeOrder();
  console.log(`merge order: ${r.items} items, ${r.edges} dependencies, ${r.ms} ms`);
}
