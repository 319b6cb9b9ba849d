import { escapeInline } from "../status-comment.js";

/** `#12 Title` with the title escaped (issue text is untrusted: no HTML, no line breaks). */
export function itemLabel(number: number, title: string): string {
  return `#${number} ${escapeInline(title)}`;
}

/**
 * Elapsed time between two ISO 8601 instants, coarse on purpose (whole minutes): "under 1 min",
 * "42 min", "3 h 5 min". A negative or unreadable span gives "under 1 min".
 */
export function formatElapsed(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  const minutes = Number.isFinite(ms) ? Math.floor(ms / 60_000) : 0;
  if (minutes < 1) return "under 1 min";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A markdown table; cells have `|` escaped. Returns `empty` (a sentence) when there are no rows. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return empty;
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}
