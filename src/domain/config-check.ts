/**
 * The check run that reports a broken `.github/orchestrator.yml` where there is no issue to
 * comment on (a commit, the default branch's head). Pure: the app writes it through the port.
 */

/** Name of the configuration check run. */
export const CONFIG_CHECK_NAME = "orchestrator/config";

/** The failed configuration check on `headSha`, its summary the problems in markdown. */
export function configProblemCheck(headSha: string, markdown: string) {
  return {
    name: CONFIG_CHECK_NAME,
    headSha,
    status: "completed" as const,
    conclusion: "failure" as const,
    title: "Invalid .github/orchestrator.yml",
    summary: markdown,
  };
}
