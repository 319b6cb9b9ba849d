/**
 * The worker workflow's run name ties a workflow run to its work item and attempt, because GitHub's
 * workflow run objects do not carry workflow_dispatch inputs. The shipped workflow sets
 * `run-name: "orchestrator: #${{ inputs.issue }} attempt ${{ inputs.attempt }}"`, which GitHub
 * shows as the run's `display_title`.
 */

/** The run name for an attempt, as the workflow renders it. */
export function runTitle(issue: number, attempt: number): string {
  return `orchestrator: #${issue} attempt ${attempt}`;
}

/** Issue and attempt from a run's display title, or null if it is not one of ours. */
export function parseRunTitle(title: string): { issue: number; attempt: number } | null {
  const match = /orchestrator:? #(\d+) attempt (\d+)/.exec(title);
  if (!match?.[1] || !match[2]) return null;
  return { issue: Number(match[1]), attempt: Number(match[2]) };
}

/**
 * The run name of a reviewer run (worker workflow with `mode: review`): the shipped workflow
 * renders `orchestrator: #<issue> review of pull request #<pr> at <head sha>`. It never matches
 * {@link parseRunTitle} (no "attempt"), so the completion guarantee of attempts ignores it.
 */
export function reviewRunTitle(issue: number, pr: number, headSha: string): string {
  return `orchestrator: #${issue} review of pull request #${pr} at ${headSha}`;
}

/** Issue, pull request and head sha from a reviewer run's display title, or null. */
export function parseReviewRunTitle(title: string): { issue: number; pr: number; headSha: string } | null {
  const match = /orchestrator:? #(\d+) review of pull request #(\d+) at ([0-9a-f]{7,64})\b/.exec(title);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { issue: Number(match[1]), pr: Number(match[2]), headSha: match[3] };
}

/**
 * The run name of a PM run (worker workflow with `mode: refine|plan`, issue #13): the workflow
 * renders `orchestrator: #<issue> pm <task> revision <revision>`. It never matches
 * {@link parseRunTitle} (no "attempt"), so the completion guarantee of attempts ignores it.
 */
export function pmRunTitle(task: string, issue: number, revision: number): string {
  return `orchestrator: #${issue} pm ${task} revision ${revision}`;
}

/** Task, issue and revision from a PM run's display title (see {@link pmRunTitle}), or null. */
export function parsePmRunTitle(title: string): { task: string; issue: number; revision: number } | null {
  const match = /orchestrator:? #(\d+) pm ([a-z]+) revision (\d+)\b/.exec(title);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { issue: Number(match[1]), task: match[2], revision: Number(match[3]) };
}
