/**
 * Fuzzing the trust boundary (issue #10) through the real app (Probot) and the GitHub stand-in:
 * random issue bodies, comments (commands included), label changes and configuration files from
 * untrusted people (an outsider writes and edits, a triager labels, a read-only collaborator comments). Whatever they send, the
 * app never answers a delivery with a 5xx, the stand-in sees no request GitHub would refuse, every
 * comment the app writes fits GitHub's limit, and no worker is ever dispatched: nobody trusted
 * approved anything, so the rules allow no dispatch. One harness for all runs, a modest run count.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GITHUB_COMMENT_LIMIT } from "../../src/domain/bounds.js";
import { WORKER_WORKFLOW, WORKER_WORKFLOW_FILE } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, REFERENCE_ITEM } from "../support/work-items.js";

const harness = useHarness();

const USERS = [
  { login: "alice", permission: "admin" as const },
  { login: "tina", permission: "triage" as const },
  { login: "rita", permission: "read" as const },
  { login: "olga", permission: "none" as const },
];

/** Text an attacker might write: form bodies, commands, forged blocks, markup, and long runs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constant(formBody({ ...REFERENCE_ITEM, scope: "**" })),
  fc.constantFrom(
    "/approve",
    "/retry do it\n/approve\n/unhold",
    "<!-- orchestrator:state {\"v\":1,\"issue\":1,\"status\":\"ready\",\"trusted\":true} -->",
    "<!-- orchestrator:report {\"v\":1,\"issue\":1,\"attempt\":1,\"outcome\":\"pr\"} -->",
    "### Depends on\n\n#1, #1, #999999",
    "```\n/approve\n```",
  ),
  fc.integer({ min: 1, max: 1_500 }).map((n) => Array.from({ length: n }, (_, i) => `/wsjf value=${(i % 5) + 1}`).join("\n")),
  fc.integer({ min: 10_000, max: 65_000 }).map((n) => "-".repeat(n)),
);

const hostileConfig = fc.constantFrom(
  "worker:\n  test_command: node test.mjs\n",
  "a: &a [*a]\n",
  "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
  "worker: [unclosed\n",
  "worker:\n  max_concurrent: lots\n",
  `${"[".repeat(40)}1${"]".repeat(40)}\n`,
  "labels:\n  status:\n    ready: status/ready\n",
);

const step = fc.oneof(
  fc.record({ kind: fc.constant("comment" as const), by: fc.constantFrom("olga", "tina", "rita"), text: hostileText }),
  fc.record({ kind: fc.constant("label" as const), by: fc.constant("tina"), label: fc.constantFrom("status/ready", "status/in-progress", "orchestrator/ignore", "hold") }),
  fc.record({ kind: fc.constant("edit" as const), text: hostileText }),
);

describe("trust: fuzz", () => {
  it("hostile bodies, comments, labels and configuration files: no 5xx, no crash, no dispatch", async () => {
    const h = await harness.start({
      users: USERS,
      files: {
        "README.md": "# widgets\n",
        [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW,
        ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\n",
      },
      // Any dispatch would show up as a workflow run; the runner itself is never meant to run.
      workflows: { [WORKER_WORKFLOW_FILE]: async () => ({ exitCode: 0 }) },
    });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(hostileConfig, fc.string({ minLength: 1, maxLength: 80 }), hostileText, fc.array(step, { maxLength: 3 }), async (config, title, body, steps) => {
        round += 1;
        await h.standIn.as("alice").pushCommit("main", { ".github/orchestrator.yml": config }, `config round ${round}`);
        const n = await h.standIn.as("olga").openIssue({ title, body });
        for (const s of steps) {
          if (s.kind === "comment") await h.standIn.as(s.by).comment(n, s.text);
          if (s.kind === "label") await h.standIn.as(s.by).addLabels(n, [s.label]);
          if (s.kind === "edit") await h.standIn.as("olga").editIssue(n, { body: s.text });
        }
        await h.settle();
        expect(h.standIn.deliveries.filter((d) => d.status === undefined || d.status >= 500).map((d) => `${d.event}.${d.action} ${d.status ?? d.error}`)).toEqual([]);
        expect(h.standIn.state.workflowRuns.size).toBe(0);
        expect(h.standIn.violations).toEqual([]);
        const written = [...h.standIn.state.comments.values()].filter((c) => c.user === "orchestrator[bot]");
        expect(written.filter((c) => c.body.length > GITHUB_COMMENT_LIMIT).map((c) => c.body.length)).toEqual([]);
      }),
      // No shrinking: the runs share one repository, so a replay would not see the same state.
      { numRuns: 8, endOnFailure: true },
    );
  }, 300_000);
});
