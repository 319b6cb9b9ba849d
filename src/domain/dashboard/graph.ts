import { escapeInline } from "../status-comment.js";
import type { DashboardItem, DashboardSection } from "./model.js";

/** A Mermaid node id for an issue ref (`#12` -> `i12`, `owner/repo#12` -> `x_owner_repo_12`). */
function nodeId(ref: string): string {
  const local = /^#(\d+)$/.exec(ref);
  return local ? `i${local[1]}` : `x_${ref.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A Mermaid label: quotes and brackets cannot break out of `["..."]`. */
function label(text: string): string {
  return `"${escapeInline(text).replace(/"/g, "#quot;").replace(/[[\]]/g, " ")}"`;
}

function epicProgress(item: DashboardItem): string {
  const total = item.state.childStates.length;
  const done = item.state.childStates.filter((c) => c.state === "closed").length;
  return `${done}/${total} done`;
}

/**
 * Open dependencies and epics as a Mermaid flowchart (GitHub renders ```mermaid blocks): an arrow
 * from each dependency to the item that needs it (closed ones marked done), a dotted arrow from
 * each child to its epic, whose node shows its progress (closed children / all). Only items with
 * a dependency or children, and what they point at, are drawn.
 */
export const graphSection: DashboardSection = {
  id: "graph",
  heading: "Dependencies and epics",
  render({ items }) {
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const nodes = new Map<string, string>();
    const edges: string[] = [];
    const node = (ref: string, fallback: string) => {
      const id = nodeId(ref);
      if (nodes.has(id)) return id;
      const local = /^#(\d+)$/.exec(ref);
      const item = local ? byNumber.get(Number(local[1])) : undefined;
      const text = item
        ? `${ref} ${item.title} · ${item.state.children.length > 0 ? `epic ${epicProgress(item)}` : (item.status ?? "untriaged")}`
        : `${ref} · ${fallback}`;
      nodes.set(id, `  ${id}[${label(text)}]`);
      return id;
    };
    for (const item of [...items].sort((a, b) => a.number - b.number)) {
      const self = `#${item.number}`;
      for (const dep of item.state.dependencies) {
        edges.push(`  ${node(dep.ref, dep.state === "closed" ? "done" : (dep.status ?? "open"))} --> ${node(self, "")}`);
      }
      for (const child of item.state.childStates) {
        edges.push(`  ${node(`#${child.number}`, child.state === "closed" ? "done" : "open")} -.-> ${node(self, "")}`);
      }
    }
    if (edges.length === 0) return "No open dependencies or epics.";
    return ["```mermaid", "graph LR", ...nodes.values(), ...edges, "```"].join("\n");
  },
};
