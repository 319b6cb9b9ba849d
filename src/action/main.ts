import { main as cli, type CliIo } from "../command-line.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { runAppMode } from "./app-mode.js";

/**
 * The GitHub Action (action.yml at the repository root, bundled to dist/index.js). One run does
 * one thing, chosen by the `mode` input:
 * - `worker`: one attempt at work item `issue` (attempt `attempt`), as `orchestrator worker`;
 * - `review`: the reviewer agent on pull request `pr` at `head`, as `orchestrator review`;
 * - `verify`: the verification after landing of work item `issue` at commit `sha`, as `orchestrator verify`;
 * - `refine` / `plan`: the PM agent's run `revision` of that task on `issue`, as `orchestrator pm`;
 * - `app`: the app's handlers for this run's event, or the periodic sweep (src/action/app-mode.ts).
 * The token input is given to the worker as GITHUB_TOKEN (its API calls and its own push; the agent's
 * environment is scrubbed of it, src/agents/agent-env.ts) and to the app as its Octokit's token.
 *
 * @returns the exit code: worker 0 pull request / 1 blocked / 2 error; review, refine, plan 0 / 2; app 0 / 1 / 2;
 *   2 for bad inputs (one line on stderr naming each).
 */
export async function runAction(io: CliIo): Promise<number> {
  const read = readInputs(io.env);
  if (!read.ok) {
    io.stderr(`orchestrator: ${read.error}`);
    return 2;
  }
  const { inputs } = read;
  if (inputs.mode === "app") return runAppMode(inputs, io);
  const env = { ...io.env, GITHUB_TOKEN: inputs["github-token"] };
  return cli(cliArguments(inputs), { ...io, env });
}

/** The CLI command line of a worker or review run (the CLI checks the numbers and reports). */
export function cliArguments(inputs: ActionInputs): string[] {
  const pm = inputs.mode === "refine" || inputs.mode === "plan";
  const args: string[] = pm ? ["pm", "--task", inputs.mode] : [inputs.mode];
  const add = (flag: string, value: string | undefined): void => {
    if (value !== undefined) args.push(`--${flag}`, value);
  };
  add("issue", inputs.issue);
  if (inputs.mode === "worker") add("attempt", inputs.attempt);
  if (inputs.mode === "review") {
    add("pr", inputs.pr);
    add("head", inputs.head);
  }
  if (inputs.mode === "verify") add("sha", inputs.sha);
  if (pm) add("revision", inputs.revision);
  add("workspace", inputs.workspace);
  return args;
}
