import type { Track } from "../config/schema.js";

/**
 * The one priority order used for dispatch and for the merge queue.
 *
 * Rule (issue #4 "Scheduling and dispatch", issue #6 "Membership and order"):
 * 1. hotfix track first (standard and project rank the same);
 * 2. then WSJF score descending (WSJF per SAFe: (value + criticality + risk) / size); an item
 *    without a score (`null`, or not a finite number) comes after every scored item;
 * 3. then the tiebreak time ascending: oldest `createdAt` for dispatch, earliest approval for the
 *    queue (the caller picks which); a missing or unparsable time comes last;
 * 4. then the id ascending, so the order is total and every evaluation gives the same answer.
 */
export interface PriorityKey<Id extends string | number = number> {
  /** The item's track; `null`/absent ranks as not-hotfix. */
  track: Track | null | undefined;
  /** WSJF score, higher first; `null` last. */
  score: number | null | undefined;
  /** Tiebreak time in epoch milliseconds (see {@link timeKey}); earlier first. */
  at: number;
  /** Stable final tiebreak: issue number or issue reference. */
  id: Id;
}

/**
 * Turns an ISO-8601 time into a tiebreak value (epoch ms). Missing or unparsable times give
 * `+Infinity`, so they sort after every real time instead of breaking the comparator.
 */
export function timeKey(iso: string | null | undefined): number {
  if (!iso) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function trackRank(track: Track | null | undefined): number {
  return track === "hotfix" ? 0 : 1;
}

function scoreOf(score: number | null | undefined): number | null {
  return typeof score === "number" && Number.isFinite(score) ? score : null;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Compares two items by the priority rule above. Returns < 0 when `a` goes first, > 0 when `b`
 * goes first, 0 only for the same id. Usable directly with `Array.prototype.sort`.
 */
export function comparePriority<Id extends string | number>(a: PriorityKey<Id>, b: PriorityKey<Id>): number {
  const byTrack = trackRank(a.track) - trackRank(b.track);
  if (byTrack !== 0) return byTrack;
  const sa = scoreOf(a.score);
  const sb = scoreOf(b.score);
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sb - sa;
  }
  if (a.at !== b.at) {
    if (a.at === Number.POSITIVE_INFINITY) return 1;
    if (b.at === Number.POSITIVE_INFINITY) return -1;
    return a.at - b.at;
  }
  return compareIds(a.id, b.id);
}

/**
 * A binary min-heap on a comparator: `push` and `pop` in O(log n). Used by the landing order
 * (Kahn's algorithm with a priority queue) so that 10,000 items order in O((n + e) log n).
 */
export class BinaryHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i] as T, items[parent] as T) >= 0) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the smallest item, or `undefined` when empty. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    this.siftDown(0);
    return top;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
      if (right < n && this.compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/** An item to place in the landing order. `dependsOn` ids not among the items count as merged. */
export interface LandingItem<Id extends string | number> {
  id: Id;
  track: Track | null | undefined;
  score: number | null | undefined;
  /** ISO-8601 approval time; the tiebreak after track and WSJF. */
  approvedAt: string | null | undefined;
  dependsOn: readonly Id[];
}

/**
 * `order`: ids in the order they can land. `cycles`: groups of ids that depend on each other
 * (strongly connected components of more than one item, or an item depending on itself), never
 * landed. `blocked`: ids not in a cycle that depend, directly or not, on one; never landed.
 * Within `cycles` and `blocked`, ids follow the priority order.
 */
export interface LandingOrder<Id extends string | number> {
  order: Id[];
  cycles: Id[][];
  blocked: Id[];
}

/**
 * Computes the landing order of many items (issue #6 "Membership and order"): no item before any
 * of its dependencies; among items whose dependencies have all landed, {@link comparePriority}
 * (hotfix, WSJF descending, approval time, id). Kahn's algorithm with a binary heap on the
 * comparator: O((n + e) log n) for n items and e dependency edges. Dependencies on ids not in
 * `items` are treated as already merged. A repeated id keeps its first occurrence. Never throws.
 */
export function landingOrder<Id extends string | number>(items: readonly LandingItem<Id>[]): LandingOrder<Id> {
  const nodes: LandingItem<Id>[] = [];
  const index = new Map<Id, number>();
  for (const item of items) {
    if (index.has(item.id)) continue;
    index.set(item.id, nodes.length);
    nodes.push(item);
  }
  const n = nodes.length;
  const keys = nodes.map(
    (it): PriorityKey<Id> => ({ track: it.track, score: it.score, at: timeKey(it.approvedAt), id: it.id }),
  );
  const deps: number[][] = nodes.map((it) => [
    ...new Set(it.dependsOn.map((d) => index.get(d)).filter((d): d is number => d !== undefined)),
  ]);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  deps.forEach((ds, i) => {
    indegree[i] = ds.length;
    for (const d of ds) dependents[d]?.push(i);
  });
  const byPriority = (a: number, b: number): number =>
    comparePriority(keys[a] as PriorityKey<Id>, keys[b] as PriorityKey<Id>);
  const heap = new BinaryHeap<number>(byPriority);
  for (let i = 0; i < n; i++) if (indegree[i] === 0) heap.push(i);
  const order: Id[] = [];
  const landed = new Uint8Array(n);
  for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
    order.push((nodes[i] as LandingItem<Id>).id);
    landed[i] = 1;
    for (const d of dependents[i] ?? []) {
      indegree[d] = (indegree[d] ?? 0) - 1;
      if (indegree[d] === 0) heap.push(d);
    }
  }
  if (order.length === n) return { order, cycles: [], blocked: [] };
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (!landed[i]) rest.push(i);
  const selfLoop = (c: number[]): boolean => c.length === 1 && (deps[c[0] as number] ?? []).includes(c[0] as number);
  const cyclic = stronglyConnected(rest, deps, landed).filter((c) => c.length > 1 || selfLoop(c));
  const inCycle = new Set(cyclic.flat());
  const idsOf = (group: number[]): Id[] => group.sort(byPriority).map((i) => (nodes[i] as LandingItem<Id>).id);
  const cycles = cyclic.map(idsOf).sort((a, b) => byPriority(index.get(a[0] as Id) ?? 0, index.get(b[0] as Id) ?? 0));
  return { order, cycles, blocked: idsOf(rest.filter((i) => !inCycle.has(i))) };
}

/**
 * Tarjan's strongly connected components over `nodes` (edges `deps[i]`, skipping nodes marked in
 * `outside`), iterative so a 10,000-item cycle does not overflow the stack. O(n + e). The one
 * implementation: the landing order and the dependency graph's cycle finder both use it.
 */
export function stronglyConnected(nodes: readonly number[], deps: readonly number[][], outside: Uint8Array = new Uint8Array(deps.length)): number[][] {
  const n = deps.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
  };
  for (const root of nodes) {
    if (index[root] !== -1) continue;
    visit(root);
    const frames: Array<{ v: number; next: number }> = [{ v: root, next: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { v: number; next: number };
      const v = frame.v;
      const out = deps[v] ?? [];
      if (frame.next < out.length) {
        const w = out[frame.next++] as number;
        if (outside[w]) continue;
        if (index[w] === -1) {
          visit(w);
          frames.push({ v: w, next: 0 });
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v] as number, low[v] as number);
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack[w] = 0;
        component.push(w);
        if (w === v) break;
      }
      components.push(component);
    }
  }
  return components;
}
