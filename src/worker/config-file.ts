import { checkoutConfigSource, loadConfig } from "../config/load.js";
import { CONFIG_PATH } from "../config/parse.js";
import type { OrchestratorConfig } from "../config/schema.js";

export type LoadedConfig = { ok: true; config: OrchestratorConfig } | { ok: false; error: string };

/**
 * The worker's and the reviewer's configuration: the app's one loader ({@link loadConfig}: bounds,
 * schema, problems named by key) over the checkout of the default branch (no request), following
 * `_extends` through `remote` (the app's API reader) when the file has one. A missing or empty file
 * gives the defaults; a broken one gives one line naming each problem, e.g.
 * `.github/orchestrator.yml is invalid: worker.max_iterations: expected number`. Never throws for a
 * broken file (an I/O error other than a missing file propagates).
 *
 * @param workspace the checkout's root directory.
 * @param remote `configReaderFor(octokit, owner, repo)` when the caller has an Octokit.
 */
export async function loadConfigFile(workspace: string, remote?: (fileName: string) => Promise<unknown>): Promise<LoadedConfig> {
  const result = await loadConfig(checkoutConfigSource(workspace, remote));
  if (result.ok) return result;
  return { ok: false, error: `${CONFIG_PATH} is invalid: ${result.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}` };
}
