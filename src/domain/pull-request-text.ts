/**
 * Reading what a pull request's text says, pure: which issues it closes (GitHub's closing
 * keywords) and the evidence the worker wrote for each acceptance criterion. The text is
 * untrusted data: it is only compared and quoted, never interpreted.
 */

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/** Issue numbers named by closing keywords in a pull request body, in order, without repeats. */
export function closingRefs(body: string): number[] {
  const numbers: number[] = [];
  for (const match of body.matchAll(CLOSING)) {
    const n = Number(match[1]);
    if (Number.isSafeInteger(n) && n > 0 && !numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

/**
 * The evidence the worker wrote for each criterion in the pull request body: a line holding the
 * criterion (bullet and checkbox stripped, compared ignoring case and spacing), then a separator
 * (`—`, `–`, `-` or `:`, optionally `evidence:`) and the evidence. An unchecked box (`- [ ]`) is no
 * claim. The worker writes `- [x] <criterion> — evidence: <how>` (src/worker/report-comment.ts).
 * The text is untrusted data: it is only compared and quoted, never interpreted.
 */
export function evidenceFromBody(body: string, criteria: readonly string[]): Record<string, string> {
  const evidence: Record<string, string> = {};
  const lines = body.split(/\r?\n/).map((raw) => {
    const bullet = /^\s*(?:[-*+]|\d+[.)])\s+(\[( |x|X)\]\s+)?(.*)$/.exec(raw);
    return { unchecked: bullet?.[2] === " ", text: flat(bullet ? (bullet[3] ?? "") : raw) };
  });
  for (const criterion of criteria) {
    const key = flat(criterion).toLowerCase();
    if (key === "") continue;
    for (const line of lines) {
      if (line.unchecked || !line.text.toLowerCase().startsWith(key)) continue;
      const rest = /^\s*(?:—|–|-|:)\s*(?:evidence\s*:\s*)?(.+)$/i.exec(line.text.slice(key.length));
      const text = rest?.[1]?.trim();
      if (text) {
        evidence[criterion] = text;
        break;
      }
    }
  }
  return evidence;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

