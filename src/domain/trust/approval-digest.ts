import { createHash } from "node:crypto";

/**
 * Approval binds the approved text (issue #10, "Approval binds the approved text"): `/approve` on
 * an untrusted item records a digest of its title and body (and, when it fits, the text itself as
 * the approved snapshot). Agents get only text whose digest equals the recorded one; an edit by an
 * untrusted person that changes it voids the approval, an edit by a trusted person re-binds it.
 * Pure (hashing is computation, not I/O).
 */

/** The text of a work item that an approval covers. */
export interface ItemText {
  title: string;
  body: string | null;
}

/** The approved text kept in the item state when it fits (see {@link SNAPSHOT_LIMIT}). */
export interface ApprovedSnapshot {
  title: string;
  body: string;
}

/**
 * Largest approved snapshot kept in the state block, in characters as stored (JSON, `-` escaped); longer
 * text is bound by its digest only (the worker then uses the live text only if its digest still
 * matches). Keeps the status comment under GitHub's comment limit with every `-` escaped.
 */
export const SNAPSHOT_LIMIT = 12_000;

/**
 * The canonical form hashed by {@link approvalDigest}: the title trimmed, a blank line, the body
 * with CRLF/CR line ends as LF and outer whitespace trimmed (GitHub's editor sends CRLF; a
 * re-save that changes only line ends is not a change of meaning). A null body is empty.
 */
export function canonicalText(text: ItemText): string {
  const body = (text.body ?? "").replace(/\r\n?/g, "\n").trim();
  return `${text.title.trim()}\n\n${body}`;
}

/** `sha256:<64 hex>` of {@link canonicalText}. */
export function approvalDigest(text: ItemText): string {
  return `sha256:${createHash("sha256").update(canonicalText(text), "utf8").digest("hex")}`;
}

/** What `/approve` records about the text: its digest, and the snapshot when it fits. */
export function bindApproval(text: ItemText): { digest: string; snapshot?: ApprovedSnapshot } {
  const digest = approvalDigest(text);
  const snapshot = { title: text.title, body: text.body ?? "" };
  // Measured as stored: JSON with every `-` written as a six-character escape (hidden-block.ts).
  const stored = JSON.stringify(snapshot).length + 5 * (snapshot.title + snapshot.body).split("-").length - 5;
  if (stored > SNAPSHOT_LIMIT) return { digest };
  return { digest, snapshot };
}

/** The approval fields this module reads (item-state's `itemApproval`). */
export interface BoundApproval {
  by: string;
  at: string;
  /** Absent in approvals recorded before digests existed: those hold for any text (legacy). */
  digest?: string | undefined;
  snapshot?: ApprovedSnapshot | undefined;
}

/** Whether `approval` covers `text` now: it exists and its digest (if any) equals the text's. */
export function approvalCovers(approval: BoundApproval | undefined, text: ItemText): boolean {
  if (!approval) return false;
  return approval.digest === undefined || approval.digest === approvalDigest(text);
}

/** What an edit of an approved item means. */
export type EditDecision =
  | { kind: "unchanged" }
  | { kind: "rebind"; digest: string; snapshot?: ApprovedSnapshot }
  | { kind: "void"; change: string };

/**
 * The rule for an edit of an item with an item approval: the same canonical text changes nothing;
 * a different text edited by a trusted person re-binds the approval to it (they could approve it
 * anyway); by anyone else it voids the approval, `change` saying what changed for the status
 * comment. `before` is the approved text when known (snapshot, or the webhook's `changes.*.from`).
 */
export function decideEdit(input: { approval: BoundApproval; after: ItemText; before: ItemText | null; editorTrusted: boolean }): EditDecision {
  const { approval, after } = input;
  if (approvalCovers(approval, after)) return { kind: "unchanged" };
  if (input.editorTrusted) {
    const bound = bindApproval(after);
    return { kind: "rebind", digest: bound.digest, ...(bound.snapshot ? { snapshot: bound.snapshot } : {}) };
  }
  return { kind: "void", change: describeChange(input.before, after) };
}

/**
 * One line saying what changed between two texts, for the status comment: whether the title
 * changed and how many description lines were added and removed (a multiset line diff; the text
 * itself is not quoted, so nothing an attacker wrote is echoed). `before` null: "the text changed".
 */
export function describeChange(before: ItemText | null, after: ItemText): string {
  if (before === null) return "the title or description changed after the approval";
  const parts: string[] = [];
  if (before.title.trim() !== after.title.trim()) parts.push("the title changed");
  const { added, removed } = lineDelta(before.body ?? "", after.body ?? "");
  if (added > 0 || removed > 0) parts.push(`the description changed (${added} line${added === 1 ? "" : "s"} added, ${removed} removed)`);
  return parts.length > 0 ? parts.join("; ") : "the text changed (whitespace only)";
}

function lineDelta(before: string, after: string): { added: number; removed: number } {
  const count = (text: string) => {
    const map = new Map<string, number>();
    for (const line of text.replace(/\r\n?/g, "\n").split("\n")) map.set(line, (map.get(line) ?? 0) + 1);
    return map;
  };
  const a = count(before);
  const b = count(after);
  let added = 0;
  let removed = 0;
  for (const [line, n] of b) added += Math.max(0, n - (a.get(line) ?? 0));
  for (const [line, n] of a) removed += Math.max(0, n - (b.get(line) ?? 0));
  return { added, removed };
}

/**
 * The text a worker may give an agent, from the item's state and the live issue:
 * - an item approval with a digest: its snapshot when it matches the digest, else the live text
 *   when that matches, else refused (the text changed after the approval);
 * - no item approval: the live text if the state says the item is trusted (a trusted author, or a
 *   legacy approval without digest), else refused (no one approved it; e.g. voided by an edit).
 * Refusals carry the reason for the worker's blocker report.
 */
export function approvedTextFor(
  state: { trusted: boolean; approval: BoundApproval | undefined },
  live: ItemText,
): { ok: true; text: ItemText; source: "snapshot" | "live" } | { ok: false; reason: string } {
  const { approval } = state;
  if (!approval) {
    if (state.trusted) return { ok: true, text: live, source: "live" };
    return { ok: false, reason: "this item is not approved for the agents (its author is not trusted and no `/approve` covers its text)" };
  }
  if (approval.digest === undefined) return { ok: true, text: live, source: "live" };
  if (approval.snapshot && approvalDigest(approval.snapshot) === approval.digest) return { ok: true, text: approval.snapshot, source: "snapshot" };
  if (approvalDigest(live) === approval.digest) return { ok: true, text: live, source: "live" };
  return { ok: false, reason: "the issue's text changed after it was approved with `/approve`; a trusted person must `/approve` the current text" };
}
