/**
 * A worker's pull request through the port (src/github/octokit/pulls.ts `openOrUpdatePullRequest`):
 * created with one request; for a head that already has an open pull request (a rerun, or a create
 * whose answer was lost and was retried), GitHub's 422 leads to the open one, updated only when its
 * title or body differ. Against the stand-in, which refuses a second open pull request per head as
 * GitHub does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("openOrUpdatePullRequest: create first, the open one on GitHub's refusal", { timeout: 60_000 }, () => {
  const repo = useRepoStandIn("pulls");
  const port = () => repo.port();
  const sent = () => repo.gh.requests.entries.map((e) => `${e.route.replace("/repos/{owner}/{repo}", "")} ${e.status}`);

  beforeAll(async () => {
    await repo.gh.as("alice").pushCommit("orchestrator/1-work", { "a.txt": "a\n" }, "Work");
  });

  it("creates with one request, then finds and updates the open one, and leaves an unchanged one alone", async () => {
    repo.gh.requests.reset();
    const first = await port().openOrUpdatePullRequest({ head: "orchestrator/1-work", base: "main", title: "Work", body: "Closes #1" });
    expect(sent()).toEqual(["POST /pulls 201"]);

    repo.gh.requests.reset();
    const again = await port().openOrUpdatePullRequest({ head: "orchestrator/1-work", base: "main", title: "Work", body: "Closes #1\n\nattempt 2" });
    expect(again.number).toBe(first.number);
    expect(sent()).toEqual(["POST /pulls 422", "GET /pulls 200", "PATCH /pulls/{pull_number} 200"]);
    expect(repo.gh.state.issues.get(first.number)!.body).toBe("Closes #1\n\nattempt 2");

    repo.gh.requests.reset();
    await port().openOrUpdatePullRequest({ head: "orchestrator/1-work", base: "main", title: "Work", body: "Closes #1\n\nattempt 2" });
    expect(sent()).toEqual(["POST /pulls 422", "GET /pulls 200"]);
    expect([...repo.gh.state.pulls.values()]).toHaveLength(1);
  });

  it("a refusal for another reason (no such head) is the caller's error", async () => {
    await expect(port().openOrUpdatePullRequest({ head: "no-such-branch", base: "main", title: "x", body: "" })).rejects.toMatchObject({ status: 422 });
  });
});
