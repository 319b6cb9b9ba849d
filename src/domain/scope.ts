import picomatch from "picomatch";

/**
 * Scope and tiered-autonomy check of a change set (issue 4: "Scope" and "Tiered autonomy").
 * Pure: the caller lists the changed files (e.g. from `git diff --name-status base`).
 */

/** One changed file. `status` uses GitHub's words ("added", "modified", "removed", "renamed", ...). */
export interface ScopeFile {
  path: string;
  status: string;
  /** For a rename: the old path, which is a change (a deletion) too. */
  previousPath?: string;
}

export interface ScopeResult {
  /** Changed paths (new or old side) matching no scope glob, sorted. A non-empty list is never merged. */
  outOfScope: string[];
  /** Changed paths matching an `autonomy.gate` glob, sorted: they need a trusted `/approve`. */
  gated: string[];
  /** Files deleted (status "removed"/"deleted"); a rename counts as no deletion. */
  deleted: number;
  /** Gated paths touched, or more than `maxDeleted` files deleted. */
  needsPerson: boolean;
  /**
   * Scope globs that match no file of the repository nor of the change, sorted; computed only when
   * something is out of scope and the repository's files were given. Such a glob is most likely a
   * typo or a wrong path, and it is why every change counts as out of scope (issue #9 item 7).
   */
  unmatchedScope: string[];
}

const DELETED = new Set(["removed", "deleted"]);

/** A matcher for a glob list (picomatch, `dot: true` so `.github/**` and dotfiles match). */
function matcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

/**
 * Checks changed files against the item's scope globs and the gate globs.
 *
 * @param changedFiles the change set; paths are repository-relative with `/` separators.
 * @param scope globs the change may touch (item scope, else `scope.default`); empty = nothing allowed.
 * @param gate `autonomy.gate` globs.
 * @param maxDeleted `autonomy.max_deleted_files`: more deletions than this need a person.
 * @param repositoryFiles the base tree's paths (`git ls-tree -r --name-only`), to name scope globs
 *   that match nothing; omitted = not checked.
 */
export function checkScope(
  changedFiles: readonly ScopeFile[],
  scope: readonly string[],
  gate: readonly string[],
  maxDeleted: number,
  repositoryFiles?: readonly string[],
): ScopeResult {
  const inScope = matcher(scope);
  const isGated = matcher(gate);
  const paths = new Set<string>();
  let deleted = 0;
  for (const file of changedFiles) {
    paths.add(file.path);
    if (file.previousPath !== undefined) paths.add(file.previousPath);
    if (DELETED.has(file.status)) deleted += 1;
  }
  const sorted = [...paths].sort();
  const outOfScope = sorted.filter((p) => !inScope(p));
  const gated = sorted.filter((p) => isGated(p));
  const unmatchedScope = outOfScope.length > 0 && repositoryFiles !== undefined ? unmatchedGlobs(scope, [...repositoryFiles, ...sorted]) : [];
  return { outOfScope, gated, deleted, needsPerson: gated.length > 0 || deleted > maxDeleted, unmatchedScope };
}

/**
 * The globs of `globs` that match none of `paths`, sorted (picomatch, `dot: true`).
 *
 * @param globs scope globs as the item gives them.
 * @param paths repository-relative paths with `/` separators.
 */
export function unmatchedGlobs(globs: readonly string[], paths: readonly string[]): string[] {
  return [...new Set(globs)].filter((glob) => !paths.some(matcher([glob]))).sort();
}
