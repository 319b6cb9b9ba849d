/**
 * What every part of the stand-in can reach: options, URLs, state and the services.
 * Route handlers get it as their second argument.
 */
import type { StandInOptions, TimelineEvent } from "./types.js";
import type { StandInState, UserRecord } from "./state.js";
import type { GitBackend } from "./git-backend.js";
import type { WebhookSender } from "./webhooks.js";
import type { SimulatedCi } from "./ci.js";
import type { WorkflowEngine } from "./actions.js";
import type { Auth } from "./auth.js";
import type { SimulatedMergeQueue } from "./merge-queue.js";

export interface RefUpdate {
  before: string;
  after: string;
  /** Full ref name, e.g. "refs/heads/main". */
  ref: string;
}

export interface StandInContext {
  readonly opts: StandInOptions;
  readonly owner: string;
  readonly repo: string;
  /** "http://127.0.0.1:PORT" (stands in for https://github.com). */
  readonly baseUrl: string;
  /** "http://127.0.0.1:PORT/api/v3". */
  readonly apiUrl: string;
  readonly state: StandInState;
  readonly git: GitBackend;
  readonly webhooks: WebhookSender;
  readonly ci: SimulatedCi;
  readonly actions: WorkflowEngine;
  readonly auth: Auth;
  readonly mergeQueue: SimulatedMergeQueue;
  readonly timeline: TimelineEvent[];
  /** Appends to the timeline. */
  note(event: Omit<TimelineEvent, "seq" | "at">): void;
  /** The user record for a login; bots such as "github-actions[bot]" are created on first use. */
  user(login: string): UserRecord;
  /** Handles ref updates (from the post-receive hook or the stand-in's own merges). */
  onPush(updates: RefUpdate[], pusher: string): Promise<void>;
}
