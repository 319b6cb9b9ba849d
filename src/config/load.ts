import { CONFIG_FILE_NAME, parseConfig, type ConfigResult } from "./parse.js";

/**
 * Reads `.github/orchestrator.yml` the way Probot does (`context.config`): from the repository's
 * default branch only (so a pull request cannot change the rules), falling back to the org's
 * `.github` repository, following `_extends`. Then validates it with zod.
 *
 * Never throws for a broken file: bad YAML, a file that is not a mapping, a recursive `_extends`
 * or a schema violation all come back as `ok: false` with problems naming the key (or the line
 * for YAML syntax). Network errors other than 404 do propagate (the event is then retried).
 */
export async function loadConfig(context: { config(fileName: string): Promise<unknown> }): Promise<ConfigResult> {
  let raw: unknown;
  try {
    raw = await context.config(CONFIG_FILE_NAME);
  } catch (error) {
    if (!isConfigFileError(error)) throw error;
    return { ok: false, problems: [{ key: "(file)", message: describeFileError(error) }] };
  }
  return parseConfig(raw);
}

function isConfigFileError(error: unknown): error is Error {
  return error instanceof Error && error.message.includes("[@probot/octokit-plugin-config]");
}

/** The plugin's message plus the YAML parser's own (which names line and column). */
function describeFileError(error: Error): string {
  const plain = error.message.replace("[@probot/octokit-plugin-config] ", "");
  const cause = error.cause instanceof Error ? `: ${error.cause.message.split("\n")[0]}` : "";
  return `${plain}${cause}`;
}
