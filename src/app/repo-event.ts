import { z } from "zod";

/**
 * A webhook delivery as the pipeline sees it: the few fields the phases need, validated with zod
 * at the boundary (DESIGN.md "One pass per event": payload -> RepoEvent, no logic). Each event
 * name maps to one `kind`; the action stays a field, so one registration serves every action.
 * A payload that does not fit is logged and dropped by app/events.ts (GitHub's own shape changed,
 * or a delivery was forged past the signature: nothing to tell a person).
 */

const actorSchema = z
  .object({ login: z.string(), type: z.string().optional() })
  .nullish()
  .transform((u) => ({ login: u?.login ?? "ghost", type: u?.type ?? "User" }));

const repositorySchema = z.object({ name: z.string(), owner: z.object({ login: z.string() }), default_branch: z.string().optional() });

const issueRef = z.object({ number: z.number().int(), pull_request: z.unknown().optional() });
/** The issue of a comment delivery, with what the payload-only filter needs (issue #13: an author's answer). */
const commentedIssue = issueRef.extend({
  user: actorSchema,
  labels: z
    .array(z.union([z.string(), z.object({ name: z.string() })]))
    .nullish()
    .transform((list) => (list ?? []).map((l) => (typeof l === "string" ? l : l.name))),
});

const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish().transform((b) => b ?? ""),
  user: actorSchema,
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
});

/** A check's pull requests (GitHub lists only those of this repository): number and head branch. */
const prRefs = z
  .array(z.object({ number: z.number().int(), head: z.object({ ref: z.string() }).nullish() }))
  .nullish()
  .transform((list) => (list ?? []).map((p) => ({ number: p.number, headRef: p.head?.ref ?? null })));

/** The check suite's head branch (GitHub's `head_branch`; null for a commit no branch points at). */
const suiteBranch = z.object({ head_branch: z.string().nullish() }).nullish();

/** A pull request a check ran for: its number and head branch (null when the payload omits it). */
export interface PullRequestRef {
  number: number;
  headRef: string | null;
}

/** Who sent the delivery (GitHub's `sender`). */
export type EventActor = z.infer<typeof actorSchema>;

export type RepoEvent =
  | {
      kind: "issue";
      action: string;
      number: number;
      isPullRequest: boolean;
      label: string | null;
      sender: EventActor;
      /** `changes.title.from` / `changes.body.from` of an `edited` action (trust: the text before). */
      changes: { titleFrom?: string; bodyFrom?: string } | null;
      /** The issue's body and author after the event (the dashboard issue's ticked boxes). */
      body: string;
      author: EventActor;
      /** The issue's `updated_at`, seconds since the epoch (an edit's idempotency key). */
      updatedAt: number;
    }
  | { kind: "relation"; number: number; sender: EventActor }
  | { kind: "installation"; repositories: Array<{ owner: string; repo: string }> }
  | {
      kind: "comment";
      action: string;
      number: number;
      onPullRequest: boolean;
      comment: z.infer<typeof commentSchema>;
      /** The issue's author and labels at delivery (issue #13: an author's answer to the PM agent's questions). */
      issueAuthor: EventActor;
      issueLabels: string[];
    }
  | { kind: "review-submitted"; action: string; pr: number; review: { id: number; state: string; author: EventActor; commitId: string | null } }
  | {
      kind: "pull-request";
      action: string;
      number: number;
      headSha: string;
      before: string | null;
      after: string | null;
      sender: EventActor;
      /** `dequeued` only: why GitHub's merge queue removed it (CI_FAILURE, MERGE_CONFLICT, MANUAL, MERGE...). */
      reason?: string | null;
    }
  | {
      kind: "merge-group";
      /** checks_requested | destroyed */
      action: string;
      /** `destroyed` only: merged | invalidated | dequeued. */
      reason: string | null;
      /** The merge group's branch, e.g. `gh-readonly-queue/main/pr-12-<sha>` (no `refs/heads/`). */
      headRef: string;
      headSha: string;
      /** The branch it merges into, e.g. `main`. */
      baseRef: string;
      /** The pull request the group ends with (from `headRef`), null when the name does not say. */
      pr: number | null;
      sender: EventActor;
    }
  | { kind: "check"; action: string; headSha: string; headBranch: string | null; prs: PullRequestRef[]; name: string | null; appSlug: string | null; suite: boolean; sender: EventActor }
  | { kind: "push"; ref: string; defaultBranch: string; after: string; sender: EventActor }
  /** A deployment's status changed (`verify.on: deployment`, issue #13). */
  | { kind: "deployment"; state: string; sha: string; environment: string }
  | {
      kind: "workflow-run";
      action: string;
      run: { id: number; path: string; displayTitle: string; status: string; conclusion: string | null; htmlUrl: string };
    };

/** The event names the app registers (app.yml subscribes to the same list). */
export const EVENT_NAMES = [
  "issues",
  "issue_comment",
  "sub_issues",
  "issue_dependencies",
  "installation",
  "installation_repositories",
  "pull_request",
  "pull_request_review",
  "check_run",
  "check_suite",
  "push",
  "workflow_run",
  "merge_group",
  "deployment_status",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const base = z.object({ action: z.string().optional(), sender: actorSchema, repository: repositorySchema.optional() });

const parsers: Record<EventName, z.ZodType<RepoEvent | null>> = {
  issues: base
    .extend({
      action: z.string(),
      issue: issueRef.extend({ body: z.string().nullish(), user: actorSchema, updated_at: z.string().optional() }),
      label: z.object({ name: z.string() }).nullish(),
      changes: z
        .object({ title: z.object({ from: z.string() }).optional(), body: z.object({ from: z.string().nullish() }).optional() })
        .nullish(),
    })
    .transform((p) => ({
      kind: "issue" as const,
      action: p.action,
      number: p.issue.number,
      isPullRequest: p.issue.pull_request !== undefined && p.issue.pull_request !== null,
      label: p.label?.name ?? null,
      sender: p.sender,
      changes:
        p.changes && (p.changes.title || p.changes.body)
          ? {
              ...(p.changes.title ? { titleFrom: p.changes.title.from } : {}),
              ...(p.changes.body ? { bodyFrom: p.changes.body.from ?? "" } : {}),
            }
          : null,
      body: p.issue.body ?? "",
      author: p.issue.user,
      updatedAt: Math.floor(Date.parse(p.issue.updated_at ?? "") / 1000) || 0,
    })),
  issue_comment: base.extend({ action: z.string(), issue: commentedIssue, comment: commentSchema }).transform((p) => ({
    kind: "comment" as const,
    action: p.action,
    number: p.issue.number,
    onPullRequest: p.issue.pull_request !== undefined && p.issue.pull_request !== null,
    comment: p.comment,
    issueAuthor: p.issue.user,
    issueLabels: p.issue.labels,
  })),
  sub_issues: base.extend({ parent_issue: z.object({ number: z.number().int() }) }).transform((p) => ({ kind: "relation" as const, number: p.parent_issue.number, sender: p.sender })),
  issue_dependencies: base.extend({ blocked_issue: z.object({ number: z.number().int() }).optional() }).transform((p) =>
    p.blocked_issue ? { kind: "relation" as const, number: p.blocked_issue.number, sender: p.sender } : null,
  ),
  installation: base.extend({ repositories: z.array(z.object({ full_name: z.string() })).nullish() }).transform((p) =>
    p.action === "created" ? { kind: "installation" as const, repositories: repoNames(p.repositories ?? []) } : null,
  ),
  installation_repositories: base.extend({ repositories_added: z.array(z.object({ full_name: z.string() })).nullish() }).transform((p) =>
    p.action === "added" ? { kind: "installation" as const, repositories: repoNames(p.repositories_added ?? []) } : null,
  ),
  pull_request: base
    .extend({
      action: z.string(),
      pull_request: z.object({ number: z.number().int(), head: z.object({ sha: z.string() }) }),
      before: z.string().optional(),
      after: z.string().optional(),
      reason: z.string().nullish(),
    })
    .transform((p) => ({
      kind: "pull-request" as const,
      action: p.action,
      number: p.pull_request.number,
      headSha: p.pull_request.head.sha,
      before: p.before ?? null,
      after: p.after ?? null,
      sender: p.sender,
      ...(p.action === "dequeued" ? { reason: p.reason ?? null } : {}),
    })),
  pull_request_review: base
    .extend({
      action: z.string(),
      pull_request: z.object({ number: z.number().int() }),
      review: z.object({ id: z.number().int(), state: z.string(), user: actorSchema, commit_id: z.string().nullish() }),
    })
    .transform((p) => ({
      kind: "review-submitted" as const,
      action: p.action,
      pr: p.pull_request.number,
      review: { id: p.review.id, state: p.review.state, author: p.review.user, commitId: p.review.commit_id ?? null },
    })),
  check_run: base
    .extend({ action: z.string(), check_run: z.object({ name: z.string(), head_sha: z.string(), pull_requests: prRefs, app: z.object({ slug: z.string().nullish() }).nullish(), check_suite: suiteBranch }) })
    .transform((p) => ({
      kind: "check" as const,
      action: p.action,
      headSha: p.check_run.head_sha,
      headBranch: p.check_run.check_suite?.head_branch ?? null,
      prs: p.check_run.pull_requests,
      name: p.check_run.name,
      appSlug: p.check_run.app?.slug ?? null,
      suite: false,
      sender: p.sender,
    })),
  check_suite: base
    .extend({ action: z.string(), check_suite: z.object({ head_sha: z.string(), head_branch: z.string().nullish(), pull_requests: prRefs, app: z.object({ slug: z.string().nullish() }).nullish() }) })
    .transform((p) => ({
      kind: "check" as const,
      action: p.action,
      headSha: p.check_suite.head_sha,
      headBranch: p.check_suite.head_branch ?? null,
      prs: p.check_suite.pull_requests,
      name: null,
      appSlug: p.check_suite.app?.slug ?? null,
      suite: true,
      sender: p.sender,
    })),
  push: base.extend({ ref: z.string(), after: z.string(), repository: repositorySchema }).transform((p) => ({
    kind: "push" as const,
    ref: p.ref,
    defaultBranch: p.repository.default_branch ?? "main",
    after: p.after,
    sender: p.sender,
  })),
  deployment_status: base
    .extend({ deployment_status: z.object({ state: z.string() }), deployment: z.object({ sha: z.string(), environment: z.string().nullish() }) })
    .transform((p) => ({ kind: "deployment" as const, state: p.deployment_status.state, sha: p.deployment.sha, environment: p.deployment.environment ?? "" })),
  workflow_run: base
    .extend({
      action: z.string(),
      workflow_run: z.object({
        id: z.number().int(),
        path: z.string(),
        display_title: z.string().nullish(),
        name: z.string().nullish(),
        status: z.string().nullish(),
        conclusion: z.string().nullish(),
        html_url: z.string(),
      }),
    })
    .transform((p) => ({
      kind: "workflow-run" as const,
      action: p.action,
      run: {
        id: p.workflow_run.id,
        path: p.workflow_run.path,
        displayTitle: p.workflow_run.display_title ?? p.workflow_run.name ?? "",
        status: p.workflow_run.status ?? "unknown",
        conclusion: p.workflow_run.conclusion ?? null,
        htmlUrl: p.workflow_run.html_url,
      },
    })),
  merge_group: base
    .extend({
      action: z.string(),
      reason: z.string().nullish(),
      merge_group: z.object({ head_sha: z.string(), head_ref: z.string(), base_ref: z.string() }),
    })
    .transform((p) => {
      const headRef = p.merge_group.head_ref.replace(/^refs\/heads\//, "");
      return {
        kind: "merge-group" as const,
        action: p.action,
        reason: p.reason ?? null,
        headRef,
        headSha: p.merge_group.head_sha,
        baseRef: p.merge_group.base_ref.replace(/^refs\/heads\//, ""),
        pr: groupPullRequest(headRef),
        sender: p.sender,
      };
    }),
};

/** The pull request number in a merge group branch `gh-readonly-queue/<base>/pr-<n>-<sha>`, else null. */
function groupPullRequest(headRef: string): number | null {
  const m = /(?:^|\/)pr-(\d+)-[0-9a-f]+$/.exec(headRef);
  return m ? Number(m[1]) : null;
}

function repoNames(list: ReadonlyArray<{ full_name: string }>): Array<{ owner: string; repo: string }> {
  return list.flatMap((r) => {
    const [owner, repo] = r.full_name.split("/");
    return owner && repo ? [{ owner, repo }] : [];
  });
}

/**
 * Parses a delivery of `name` into a RepoEvent. Returns `{ ok: true, event: null }` for an event
 * the app does not act on (e.g. `installation.deleted`), `{ ok: false, reason }` for a payload
 * that does not have the shape GitHub documents.
 */
export function parseRepoEvent(name: EventName, payload: unknown): { ok: true; event: RepoEvent | null } | { ok: false; reason: string } {
  const parsed = parsers[name].safeParse(payload);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  return { ok: true, event: parsed.data };
}
