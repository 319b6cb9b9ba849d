/**
 * Conditional requests (src/github/conditional-requests.ts) against the stand-in, which serves
 * ETags and 304s as GitHub does (test/support/standin/etag.ts): a repeated GET of an unchanged
 * resource is answered 304 (not charged) and the caller still gets the full answer; a change is
 * seen at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harnessOctokit, writeFiles } from "../support/app-harness.js";
import { startStandIn, type StandIn } from "../support/standin/index.js";

describe("conditional requests", { timeout: 60_000 }, () => {
  let gh: StandIn;
  const Octokit = harnessOctokit();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const client = () => new Octokit({ auth: { token: gh.installationToken() }, baseUrl: gh.apiUrl, log: quiet });
  const statuses = (pattern: RegExp) => gh.requests.entries.filter((e) => pattern.test(e.path)).map((e) => e.status);

  beforeAll(async () => {
    gh = await startStandIn({
      owner: "acme",
      repo: "etags",
      seed: (dir) => writeFiles(dir, { "README.md": "# etags\n" }),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
    });
    await gh.as("alice").openIssue({ title: "one", body: "first" });
  });
  afterAll(async () => gh?.close());

  it("answers a repeated GET of an unchanged issue with 304 and still returns the whole issue", async () => {
    gh.requests.reset();
    const first = await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    const second = await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    expect(statuses(/^\/repos\/acme\/etags\/issues\/1$/)).toEqual([200, 304]);
    expect(second.data).toEqual(first.data);
    expect(second.data.body).toBe("first");
    expect(gh.requests.charged).toBe(1);
    expect(gh.requests.notModified).toBe(1);
  });

  it("sees a change at once: the new answer is a 200 with the new content", async () => {
    await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    await gh.as("alice").editIssue(1, { body: "second" });
    gh.requests.reset();
    const after = await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    expect(statuses(/^\/repos\/acme\/etags\/issues\/1$/)).toEqual([200]);
    expect(after.data.body).toBe("second");
  });

  it("gives each caller its own copy: changing one answer does not change the next", async () => {
    const a = await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    a.data.title = "changed by the caller";
    const b = await client().rest.issues.get({ owner: "acme", repo: "etags", issue_number: 1 });
    expect(b.data.title).toBe("one");
  });
});
