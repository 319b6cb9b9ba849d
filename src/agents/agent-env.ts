/**
 * The agent's environment (issue 4: "The agent's environment is scrubbed: no GitHub token or
 * other GitHub credential reaches it; only variables named in `agent.env` pass").
 *
 * Built from nothing: PATH, HOME, LANG, LC_ALL, TMPDIR, TERM, then the variables named in
 * `agent.env`, minus anything that is or looks like a GitHub or Actions credential, plus git
 * settings that make pushing impossible without credentials: no terminal prompt, no system or
 * global git config, and an empty credential helper list. The same environment is used for test
 * commands, since they run code the agent wrote.
 */

const BASE_NAMES = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TERM"] as const;

/** Names never passed, even when listed in `agent.env`. */
const FORBIDDEN_NAME = /^(GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|GITHUB_PAT|ACTIONS_.*|GITHUB_.*|RUNNER_.*|GIT_ASKPASS|SSH_ASKPASS|SSH_AUTH_SOCK|GIT_CONFIG_.*|INPUT_.*)$/;

/** Values that look like GitHub credentials (classic and fine-grained PATs, app and OAuth tokens). */
const GITHUB_TOKEN_VALUE = /\b(gh[opsur]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})/;

/** Whether a variable may reach the agent. */
export function isForbiddenVariable(name: string, value: string): boolean {
  return FORBIDDEN_NAME.test(name) || GITHUB_TOKEN_VALUE.test(value);
}

/**
 * The scrubbed environment.
 * @param parent the worker's own environment (usually process.env).
 * @param allowed `agent.env`: extra variable names to pass (API keys of the agent, etc.).
 * @param additions set last (e.g. ORCHESTRATOR_ENVELOPE); also filtered.
 */
export function agentEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  allowed: readonly string[],
  additions: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...BASE_NAMES, ...allowed]) {
    const value = parent[name];
    if (value === undefined || isForbiddenVariable(name, value)) continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(additions)) {
    if (!isForbiddenVariable(name, value)) env[name] = value;
  }
  env.PATH ??= "/usr/local/bin:/usr/bin:/bin";
  // No way to authenticate a push: no prompt, no system/global config, no credential helper.
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_CONFIG_NOSYSTEM = "1";
  env.GIT_CONFIG_GLOBAL = "/dev/null";
  env.GIT_CONFIG_COUNT = "1";
  env.GIT_CONFIG_KEY_0 = "credential.helper";
  env.GIT_CONFIG_VALUE_0 = "";
  return env;
}
