import { stronglyConnected } from "./order.js";
/**
 * A small directed graph over issue refs (`#12` for the same repository, `owner/repo#12` for
 * another), used by triage (cycles), the scheduler (what may start) and the merge queue (landing
 * order). An edge `{ from, to }` means "`from` depends on `to`": `to` must be done first.
 * All results are deterministic: ties are broken by {@link compareRefs}.
 */

/** `from` depends on (is blocked by) `to`. */
export interface DependencyEdge {
  from: string;
  to: string;
}

/** A parsed issue ref; `repo` is null for the same repository. */
export interface IssueRef {
  repo: string | null;
  number: number;
}

const REF = /^\s*(?:([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+))?#(\d+)\s*$/;

/** Parses `#12` or `owner/repo#12` (owner/repo lower-cased); null for anything else or #0. */
export function parseRef(ref: string): IssueRef | null {
  const m = REF.exec(ref);
  if (m?.[3] === undefined) return null;
  const number = Number(m[3]);
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const repo = m[1] !== undefined && m[2] !== undefined ? `${m[1]}/${m[2]}`.toLowerCase() : null;
  return { repo, number };
}

/** Formats a ref: `#12` or `owner/repo#12`. */
export function formatRef(ref: IssueRef): string {
  return `${ref.repo ?? ""}#${ref.number}`;
}

/**
 * Canonical form of a ref, or null if it is not one. With `currentRepo` (`owner/repo`), a ref to
 * the current repository becomes the short `#12`, so both spellings denote one node.
 */
export function normalizeRef(ref: string, currentRepo?: string): string | null {
  const parsed = parseRef(ref);
  if (parsed === null) return null;
  if (currentRepo !== undefined && parsed.repo === currentRepo.toLowerCase()) return `#${parsed.number}`;
  return formatRef(parsed);
}

/**
 * Total order on refs: same-repository refs first, then by repository name, then by number
 * (numerically: `#2` before `#10`). Strings that are not refs sort after refs, as plain strings.
 */
export function compareRefs(a: string, b: string): number {
  const pa = parseRef(a);
  const pb = parseRef(b);
  if (pa === null || pb === null) {
    if (pa !== null) return -1;
    if (pb !== null) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (pa.repo !== pb.repo) {
    if (pa.repo === null) return -1;
    if (pb.repo === null) return 1;
    return pa.repo < pb.repo ? -1 : 1;
  }
  if (pa.number !== pb.number) return pa.number - pb.number;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, deduplicated copy. */
function sortedUnique(refs: Iterable<string>): string[] {
  return [...new Set(refs)].sort(compareRefs);
}

/** Successor lists (`from` -> its dependencies), sorted, for every node that appears in an edge. */
function adjacency(edges: readonly DependencyEdge[], extraNodes: Iterable<string> = []): Map<string, string[]> {
  const adj = new Map<string, Set<string>>();
  const node = (ref: string): Set<string> => {
    let set = adj.get(ref);
    if (set === undefined) {
      set = new Set();
      adj.set(ref, set);
    }
    return set;
  };
  for (const ref of extraNodes) node(ref);
  for (const { from, to } of edges) {
    node(from).add(to);
    node(to);
  }
  const sorted = new Map<string, string[]>();
  for (const ref of sortedUnique(adj.keys())) sorted.set(ref, sortedUnique(adj.get(ref) ?? []));
  return sorted;
}

/** Strongly connected components of a ref graph (Tarjan, see order.ts), each sorted by {@link compareRefs}. */
function stronglyConnectedComponents(adj: ReadonlyMap<string, readonly string[]>): string[][] {
  const refs = [...adj.keys()];
  const indexOf = new Map(refs.map((ref, i) => [ref, i]));
  const deps = refs.map((ref) => (adj.get(ref) ?? []).map((to) => indexOf.get(to) ?? -1).filter((i) => i >= 0));
  return stronglyConnected(refs.map((_, i) => i), deps).map((component) => component.map((i) => refs[i] as string).sort(compareRefs));
}

/** Shortest cycle through `start` using only nodes of `component` (BFS), or null. */
function shortestCycleThrough(start: string, component: ReadonlySet<string>, adj: ReadonlyMap<string, readonly string[]>): string[] | null {
  const parent = new Map<string, string>();
  const queue: string[] = [start];
  const seen = new Set<string>([start]);
  for (let i = 0; i < queue.length; i += 1) {
    const node = queue[i];
    if (node === undefined) break;
    for (const next of adj.get(node) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [node];
        let cursor = node;
        while (cursor !== start) {
          cursor = parent.get(cursor) ?? start;
          path.push(cursor);
        }
        return path.reverse();
      }
      if (seen.has(next)) continue;
      seen.add(next);
      parent.set(next, node);
      queue.push(next);
    }
  }
  return null;
}

/** Rotates a cycle so its smallest ref (by {@link compareRefs}) comes first. */
function canonicalCycle(cycle: readonly string[]): string[] {
  let best = 0;
  cycle.forEach((ref, i) => {
    const current = cycle[best];
    if (current !== undefined && compareRefs(ref, current) < 0) best = i;
  });
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}

/**
 * Dependency cycles, each as the ordered list of refs along the cycle without repeating the first
 * (`["#3", "#4"]` is #3 -> #4 -> #3; a self-dependency is `["#3"]`). Every ref that lies on any
 * cycle is on at least one reported cycle (the shortest through it), so each affected issue can be
 * told which cycle it is in. Each cycle starts at its smallest ref; the list is sorted.
 * Runs in O(V * (V + E)).
 */
export function findCycles(edges: readonly DependencyEdge[]): string[][] {
  const adj = adjacency(edges);
  const byKey = new Map<string, string[]>();
  for (const component of stronglyConnectedComponents(adj)) {
    const first = component[0];
    if (first === undefined) continue;
    const selfLoop = (adj.get(first) ?? []).includes(first);
    if (component.length === 1 && !selfLoop) continue;
    const members = new Set(component);
    const covered = new Set<string>();
    for (const ref of component) {
      if (covered.has(ref)) continue;
      const cycle = shortestCycleThrough(ref, members, adj);
      if (cycle === null) continue;
      const canonical = canonicalCycle(cycle);
      for (const member of canonical) covered.add(member);
      byKey.set(canonical.join(" "), canonical);
    }
  }
  return [...byKey.values()].sort(compareCycles);
}

function compareCycles(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const c = compareRefs(a[i] ?? "", b[i] ?? "");
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** A cycle for people: `#3 -> #4 -> #3`. */
export function formatCycle(cycle: readonly string[]): string {
  const first = cycle[0];
  return first === undefined ? "" : [...cycle, first].join(" -> ");
}

/** The cycles that pass through `ref`. */
export function cyclesThrough(ref: string, cycles: readonly (readonly string[])[]): string[][] {
  return cycles.filter((cycle) => cycle.includes(ref)).map((cycle) => [...cycle]);
}

/** Every ref `ref` depends on, directly or transitively (excluding `ref` unless on a cycle), sorted. */
export function transitiveDependencies(ref: string, edges: readonly DependencyEdge[]): string[] {
  const adj = adjacency(edges);
  const seen = new Set<string>();
  const stack = [...(adj.get(ref) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(adj.get(next) ?? []));
  }
  return sortedUnique(seen);
}

