import { z } from "zod";

/**
 * The action's inputs (action.yml), read the way the Actions runner passes them: one environment
 * variable per input, `INPUT_<NAME>` with the name upper-cased and spaces replaced by `_` (hyphens
 * stay: `github-token` -> `INPUT_GITHUB-TOKEN`). An input left empty is absent.
 * Source: https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#inputs
 */

/** What one run of the action does. */
export const ACTION_MODES = ["worker", "review", "app", "verify", "refine", "plan"] as const;
type ActionMode = (typeof ACTION_MODES)[number];

const positiveInt = z.string().regex(/^[1-9]\d*$/, "must be a positive integer");

/** Inputs after validation; numbers stay strings (the CLI parses and checks them again). */
export const actionInputsSchema = z.object({
  mode: z.enum(ACTION_MODES, { error: () => `mode must be one of ${ACTION_MODES.join(", ")}` }),
  "github-token": z.string().min(1, "github-token is empty (pass an App installation token, or github.token)"),
  issue: positiveInt.optional(),
  attempt: positiveInt.optional(),
  pr: positiveInt.optional(),
  head: z.string().regex(/^[0-9a-f]{7,64}$/, "must be a commit sha").optional(),
  /** Mode verify: the landed commit to verify (issue #13). */
  sha: z.string().regex(/^[0-9a-f]{7,64}$/, "must be a commit sha").optional(),
  /** Modes refine and plan: which PM run of the item (issue #13). */
  revision: positiveInt.optional(),
  workspace: z.string().min(1).optional(),
  "app-slug": z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be an app slug (create-github-app-token's app-slug output)").optional(),
  "log-level": z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
});
export type ActionInputs = z.infer<typeof actionInputsSchema>;

const INPUT_NAMES = Object.keys(actionInputsSchema.shape) as Array<keyof ActionInputs>;

/** The runner's variable name of an input (`github-token` -> `INPUT_GITHUB-TOKEN`). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/**
 * Reads and validates the inputs from the environment.
 * @returns the inputs, or one line naming every bad input (for the run's log and exit code 2).
 */
export function readInputs(env: Readonly<Record<string, string | undefined>>): { ok: true; inputs: ActionInputs } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (const name of INPUT_NAMES) {
    const value = env[inputVariable(name)]?.trim();
    if (value !== undefined && value !== "") raw[name] = value;
  }
  const parsed = actionInputsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, inputs: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "input");
    return issue.code === "invalid_type" && raw[key] === undefined ? `input ${key} is required` : `input ${key}: ${issue.message}`;
  });
  return { ok: false, error: problems.join("; ") };
}
