import { afterAll, beforeAll, expect } from "vitest";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { GitHubPort } from "../../src/github/port.js";
import { harnessOctokit, writeFiles, type HarnessOptions } from "./app-harness.js";
import { startStandIn, type StandIn } from "./standin/index.js";

/**
 * A stand-in serving repository `acme/<repo>` (a README, an admin `alice`, the app installed) for
 * the file's tests of the port (test/github): started before them, closed after them with no
 * protocol violation recorded. `port()` is a fresh port on the app's production Octokit (test
 * retry policy, unpaced; `portOptions` as createOctokitPort takes them), `client()` the Octokit
 * itself; `beforeRequest` sees each of its requests.
 */
export function useRepoStandIn(repo: string, beforeRequest?: HarnessOptions["beforeAppRequest"], portOptions: { appSlug?: string } = {}) {
  let gh: StandIn | undefined;
  const Octokit = harnessOctokit(beforeRequest);
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const started = (): StandIn => {
    if (!gh) throw new Error("the stand-in starts in beforeAll");
    return gh;
  };
  beforeAll(async () => {
    gh = await startStandIn({
      owner: "acme",
      repo,
      seed: (dir) => writeFiles(dir, { "README.md": `# ${repo}\n` }),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
    });
  });
  afterAll(async () => {
    const violations = [...started().violations];
    await started().close();
    expect(violations).toEqual([]);
  });
  const client = () => new Octokit({ auth: { token: started().installationToken() }, baseUrl: started().apiUrl, log: quiet });
  return {
    get gh(): StandIn {
      return started();
    },
    client,
    port: (): GitHubPort => createOctokitPort(client(), { owner: "acme", repo }, portOptions),
  };
}
