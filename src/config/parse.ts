import { configSchema, type OrchestratorConfig } from "./schema.js";

/** One problem in a configuration file: the dotted key (or "(file)") and what is wrong. */
export interface ConfigProblem {
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: OrchestratorConfig } | { ok: false; problems: ConfigProblem[] };

/** The configuration file's path in a repository (and in an org's `.github` repository). */
export const CONFIG_PATH = ".github/orchestrator.yml";
/** File name as Probot's `context.config` takes it (relative to `.github/`). */
export const CONFIG_FILE_NAME = "orchestrator.yml";

/**
 * Validates an already-parsed configuration object (YAML parsed, `_extends` resolved) against
 * {@link configSchema}. `null`/`undefined` (no file) gives every default.
 * Never throws: every problem is returned with the key it concerns, e.g.
 * `{ key: "worker.max_concurrent", message: "expected number, received string" }`.
 */
export function parseConfig(raw: unknown): ConfigResult {
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.flatMap((issue): ConfigProblem[] => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ key: base ? `${base}.${k}` : k, message: "unknown key" }));
    }
    return [{ key: base || "(file)", message: issue.message }];
  });
  return { ok: false, problems };
}

/** Markdown for a broken configuration: one line per problem, naming the key. */
export function renderConfigProblems(problems: ConfigProblem[], source: string = CONFIG_PATH): string {
  const lines = problems.map((p) => `- \`${p.key}\`: ${p.message}`);
  return [
    `The orchestrator's configuration \`${source}\` on the default branch is invalid, so the app does nothing else in this repository until it is fixed:`,
    "",
    ...lines,
    "",
    "The schema with every key and its default is `schema/orchestrator.schema.json` in the app's repository.",
  ].join("\n");
}
