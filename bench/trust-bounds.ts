/**
 * `npx tsx bench/trust-bounds.ts`: what the app writes for hostile input (issue #10), measured
 * through the real app and the GitHub stand-in, printed as one JSON line each:
 *   - a comment of 1,000 command lines by a writer: its reply and the status comment / state block
 *     afterwards, in characters (GitHub refuses comments over 65,536), and the requests it took;
 *   - an issue opened by a trusted person up to the dispatch decision: GitHub API requests (the
 *     fresh triage before dispatching is part of it).
 * Measurements only, apart from the tests; nothing here asserts.
 */
import { startHarness } from "../test/support/app-harness.js";
import { commentsOn, formBody, REFERENCE_ITEM, statusText } from "../test/support/work-items.js";

const h = await startHarness({ files: { "README.md": "# widgets\n", ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\n" } });
try {
  const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: formBody({ ...REFERENCE_ITEM, scope: "**" }), labels: ["hold"] });
  await h.settle();
  const commands = Array.from({ length: 1_000 }, (_, i) => (i % 2 === 0 ? `/wsjf value=${(i % 5) + 1}` : `/retry guidance ${"x".repeat(60)} ${i}`)).join("\n");
  const before = h.standIn.requests.entries.length;
  const id = await h.standIn.as("walt").comment(n, commands);
  await h.settle();
  const reply = commentsOn(h, n).find((c) => c.body.includes(`<!-- orchestrator:reply comment=${id} -->`));
  const status = statusText(h, n);
  const block = status.slice(status.lastIndexOf("<!-- orchestrator:state "));
  console.log(JSON.stringify({ case: "1,000-command comment", commentChars: commands.length, replyChars: reply?.body.length ?? 0, statusCommentChars: status.length, stateBlockChars: block.length, requests: h.standIn.requests.entries.length - before }));

  const start = h.standIn.requests.entries.length;
  await h.standIn.as("alice").openIssue({ title: "Another total", body: formBody({ ...REFERENCE_ITEM, scope: "**" }) });
  await h.settle();
  console.log(JSON.stringify({ case: "issue opened to dispatch decision", requests: h.standIn.requests.entries.length - start }));
} finally {
  await h.close();
}
