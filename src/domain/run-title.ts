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
