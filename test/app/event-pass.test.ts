/**
 * What GitHub's documented webhook payloads (@octokit/webhooks-examples) get from the pipeline
 * before any request (src/app/pipeline.ts): whether they are worth a pass (`worthAPass`; checks by
 * suite, not by run) and which issue or pull request the pass's view reads as its thread
 * (`eventThread`; issue #9 "A request budget").
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { eventThread, worthAPass } from "../../src/app/pipeline.js";
import { parseRepoEvent, type EventName, type RepoEvent } from "../../src/app/repo-event.js";
import { ownership } from "../../src/domain/item/ownership.js";

type Payload = Record<string, unknown> & { action?: string };
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: Payload[] }>;

/** The app's reading of the first documented example of `name.action`. */
function event(name: EventName, action: string | undefined, change: (p: Payload) => void = () => {}): RepoEvent {
  const found = examples.find((g) => g.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples example for ${name}.${action}`);
  const payload = structuredClone(found);
  change(payload);
  const parsed = parseRepoEvent(name, payload);
  if (!parsed.ok || parsed.event === null) throw new Error(`${name}.${action}: not read (${parsed.ok ? "ignored" : parsed.reason})`);
  return parsed.event;
}

const ours = ownership("orchestrator");
/** Makes the check's app someone else's (the examples' apps are GitHub's own test apps). */
const ciApp = (key: "check_run" | "check_suite") => (p: Payload) => {
  const check = p[key] as Record<string, unknown> & { app: Record<string, unknown> };
  check.app = { ...check.app, slug: "ci" };
};

describe("a pass per event, decided from the payload", () => {
  it("a check suite's completion is worth a pass; a single check run's completion is not (its suite's completion follows)", () => {
    expect(worthAPass(event("check_suite", "completed", ciApp("check_suite")), ours)).toBe(true);
    expect(worthAPass(event("check_run", "completed", ciApp("check_run")), ours)).toBe(false);
    expect(worthAPass(event("check_run", "created", ciApp("check_run")), ours)).toBe(false);
    // Our own suite (our check runs completing) is no reason for a pass.
    const own = event("check_suite", "completed", (p) => {
      (p.check_suite as Record<string, unknown>).app = { ...((p.check_suite as Record<string, unknown>).app as object), slug: "orchestrator" };
      p.sender = { ...(p.sender as object), login: "orchestrator[bot]", type: "Bot" };
    });
    expect(worthAPass(own, ours)).toBe(false);
  });

  it("the view's thread is the event's issue or pull request, and a check's pull request when it names exactly one", () => {
    const comment = event("issue_comment", "created");
    expect(comment.kind).toBe("comment");
    expect(eventThread(comment)).toBe((comment as { number: number }).number);
    const sync = event("pull_request", "synchronize");
    expect(sync.kind).toBe("pull-request");
    expect(eventThread(sync)).toBe((sync as { number: number }).number);
    const suite = event("check_suite", "completed", (p) => {
      (p.check_suite as Record<string, unknown>).pull_requests = [{ number: 12, head: { ref: "orchestrator/3-x", sha: "a".repeat(40) }, base: { ref: "main", sha: "b".repeat(40) } }];
    });
    expect(eventThread(suite)).toBe(12);
    const none = event("check_suite", "completed", (p) => {
      (p.check_suite as Record<string, unknown>).pull_requests = [];
    });
    expect(eventThread(none)).toBeUndefined();
    expect(eventThread(event("push", undefined))).toBeUndefined();
  });
});
