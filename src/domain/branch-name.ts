/**
 * The worker's branch name for a work item: `<prefix><issue>-<slug>` (prefix from
 * `worker.branch_prefix`, default `orchestrator/`), e.g. `orchestrator/12-add-login-page`.
 *
 * The slug is the title lower-cased, accents dropped (NFKD), ASCII letters and digits only, runs of anything else turned
 * into one `-`, trimmed to at most `maxSlug` (default 40) characters without a trailing `-`. An
 * empty slug (a title of only symbols) gives `<prefix><issue>`. The result is always a valid git
 * ref name (see git-check-ref-format): no `..`, no spaces, no trailing `.lock` or `/`.
 */
export function branchName(issue: number, title: string, prefix = "orchestrator/", maxSlug = 40): string {
  const slug = slugify(title, maxSlug);
  return slug === "" ? `${prefix}${issue}` : `${prefix}${issue}-${slug}`;
}

/** Lower-case ASCII slug of `text`: `[a-z0-9]` runs joined by `-`, at most `max` characters. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // combining marks left by NFKD: "Ü" -> "U"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}

/** The issue number in a worker branch name `<prefix><N>-<slug>` or `<prefix><N>`, else null. */
export function issueOfBranch(branch: string, prefix: string): number | null {
  if (!branch.startsWith(prefix)) return null;
  const match = /^(\d+)(?:-|$)/.exec(branch.slice(prefix.length));
  const n = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
