import { z } from "zod";

/**
 * The `.github/orchestrator.yml` schema: one zod schema with a default for every key, so an empty
 * file (or no file) yields a complete {@link OrchestratorConfig}. Unknown keys are errors (`strict`)
 * so a typo is reported instead of silently ignored. The JSON Schema in
 * `schema/orchestrator.schema.json` is generated from this (`npm run schema`); a test fails when
 * they drift.
 */

const label = z.string().min(1).max(50);
const globList = z.array(z.string().min(1));

/** The five WSJF job sizes (SAFe uses a modified Fibonacci scale; we name the buckets). */
export const JOB_SIZES = ["XS", "S", "M", "L", "XL"] as const;
export const jobSizeSchema = z.enum(JOB_SIZES);
export type JobSize = z.infer<typeof jobSizeSchema>;

/** The three tracks. */
export const TRACKS = ["hotfix", "standard", "project"] as const;
export const trackSchema = z.enum(TRACKS);
export type Track = z.infer<typeof trackSchema>;

/** The lifecycle statuses; exactly one `status/*` label is on an item at a time, set only by the app. */
export const STATUSES = [
  "needs-info",
  "needs-approval",
  "waiting",
  "ready",
  "in-progress",
  "in-review",
  "approved",
  "merging",
  "done",
  "blocked",
] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

const statusLabels = z
  .strictObject({
    "needs-info": label.default("status/needs-info"),
    "needs-approval": label.default("status/needs-approval"),
    waiting: label.default("status/waiting"),
    ready: label.default("status/ready"),
    "in-progress": label.default("status/in-progress"),
    "in-review": label.default("status/in-review"),
    approved: label.default("status/approved"),
    merging: label.default("status/merging"),
    done: label.default("status/done"),
    blocked: label.default("status/blocked"),
  })
  .prefault({});

const labelsSchema = z
  .strictObject({
    /** Track labels; an explicit track label wins over the computed track. */
    tracks: z
      .strictObject({
        hotfix: label.default("track/hotfix"),
        standard: label.default("track/standard"),
        project: label.default("track/project"),
      })
      .prefault({}),
    /** Prefixes of the WSJF input labels: `value/1`..`value/5`, `urgency/1`.., `risk/1`.., `size/XS`.. */
    value_prefix: label.default("value/"),
    urgency_prefix: label.default("urgency/"),
    risk_prefix: label.default("risk/"),
    size_prefix: label.default("size/"),
    status: statusLabels,
    /** While this label is on, nothing about the item is dispatched or merged. */
    hold: label.default("hold"),
    /** Issues with this label are not work items: the app leaves them alone. */
    ignore: label.default("orchestrator/ignore"),
    /** Marks a pull request that touched gated paths and needs a trusted `/approve`. */
    needs_person: label.default("needs-person"),
    /** Marks an item on the dead-letter list (attempts used up, or runs dying of infrastructure failures). */
    dead_letter: label.default("dead-letter"),
  })
  .prefault({});

const wsjfSchema = z
  .strictObject({
    /** Job size -> divisor. SAFe's modified Fibonacci by default. */
    sizes: z
      .strictObject({
        XS: z.number().positive().default(1),
        S: z.number().positive().default(2),
        M: z.number().positive().default(3),
        L: z.number().positive().default(5),
        XL: z.number().positive().default(8),
      })
      .prefault({}),
  })
  .prefault({});

const tracksSchema = z
  .strictObject({
    /** WSJF at or above this (and no explicit track label) gives the hotfix track. */
    hotfix_threshold: z.number().positive().default(7),
    /** Job sizes that make an item a project (an epic with child issues). */
    project_sizes: z.array(jobSizeSchema).default(["L", "XL"]),
  })
  .prefault({});

const trustSchema = z
  .strictObject({
    /**
     * People trusted besides those with write, maintain or admin permission: logins (`octocat`)
     * and teams (`@org/team-slug`).
     */
    approvers: z
      .array(z.string().regex(/^(@[A-Za-z0-9-]+\/[A-Za-z0-9._-]+|[A-Za-z0-9-]+(\[bot\])?)$/, "a login or @org/team"))
      .default([]),
    /**
     * Identities the worker and reviewer runs post as (issue #10, "Reports only from the worker"):
     * only their report and verdict comments move an item. Bot logins; this app's own bot is
     * always added. Default: Actions' GITHUB_TOKEN identity, what the shipped worker workflow uses.
     */
    worker_identities: z
      .array(z.string().regex(/^[A-Za-z0-9-]+\[bot\]$/, "a bot login such as github-actions[bot]"))
      .default(["github-actions[bot]"]),
  })
  .prefault({});

/** Names of agent adapters (see src/agents/). */
export const AGENT_NAMES = ["claude-code", "codex", "gemini", "aider", "command"] as const;
export const agentNameSchema = z.enum(AGENT_NAMES);
export type AgentName = z.infer<typeof agentNameSchema>;

const agentSchema = z
  .strictObject({
    /** Which adapter runs the coding agent. */
    name: agentNameSchema.default("claude-code"),
    /** For `command`: the command line (run with `bash -c`); ORCHESTRATOR_ENVELOPE names the envelope file. */
    command: z.string().min(1).optional(),
    /** Model name passed to the CLI where it takes one. */
    model: z.string().min(1).optional(),
    /**
     * Names of environment variables passed to the agent; everything else is scrubbed. Unset: the
     * standard key variables of the coding agent and of the reviewer agent ({@link AGENT_KEY_VARIABLES}).
     */
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).optional(),
    /** Turn limit per agent run, where the CLI has one. */
    max_turns: z.number().int().positive().default(30),
    /** Wall-clock limit per agent run, minutes. */
    timeout_minutes: z.number().positive().default(20),
    /**
     * Stall detection (issue 12): the worker stops an agent that printed nothing and changed no
     * file for this many minutes and counts the iteration as failed. Default 5. A live agent that
     * keeps printing or editing is never stopped for being slow (only `timeout_minutes` bounds it).
     */
    stall_minutes: z.number().positive().default(5),
    /**
     * Offer the agent its web tools (fetch, search). Default false: network egress is the critical
     * tier of the autonomy model, so each adapter takes those tools away unless this grants them.
     */
    network: z.boolean().default(false),
  })
  .prefault({});

/**
 * Spend caps (issue 12, "Budgets"); defaults follow GitHub's agentic workflows ($10 a run, $50 a
 * day). USD is what the agent CLI reports (Claude Code prints it; Codex and Gemini report tokens
 * only, so their runs are bounded by time and turns).
 */
const budgetConfigSchema = z
  .strictObject({
    /** Total spend of one work item over all its attempts, USD. Default 10. */
    per_item_usd: z.number().positive().default(10),
    /** Total spend per repository per UTC day, USD. Default 50. */
    per_day_usd: z.number().positive().default(50),
    /** Wall-clock budget of one attempt, minutes (the app cancels a run past it). Default 60. */
    per_attempt_minutes: z.number().positive().default(60),
  })
  .prefault({});

/**
 * The circuit breaker per repository and agent (issue 12; src/domain/circuit-breaker.ts):
 * `threshold` infrastructure failures in a row (provider 5xx/429/auth errors, a crashed CLI, a
 * lost runner) open it and nothing is dispatched to that agent; after `cooldown_minutes` one probe
 * attempt runs (half-open); its success closes it. Agent failures never count.
 */
const breakerSchema = z
  .strictObject({
    /** Infrastructure failures in a row that open the breaker. Default 3. */
    threshold: z.number().int().positive().default(3),
    /** Minutes the breaker stays open before one probe attempt. Default 30. */
    cooldown_minutes: z.number().positive().default(30),
  })
  .prefault({});

const workerSchema = z
  .strictObject({
    /** Workflow file dispatched for each attempt (in `.github/workflows/`). */
    workflow: z.string().min(1).default("orchestrator-worker.yml"),
    /** At most this many items in progress per repository. */
    max_concurrent: z.number().int().positive().default(3),
    /** Attempts (dispatches) per item before it is blocked. */
    max_attempts: z.number().int().positive().default(3),
    /** Agent runs per strategy within one attempt. */
    max_iterations: z.number().int().positive().default(5),
    /** Strategy shifts per attempt after the first strategy is exhausted. */
    max_strategy_shifts: z.number().int().min(0).default(2),
    /** Wall-clock budget of one attempt, minutes. */
    max_minutes: z.number().positive().default(45),
    /** Optional cost ceiling of one attempt, USD, where the agent reports cost. */
    cost_ceiling_usd: z.number().positive().optional(),
    /** Test command run after each iteration (bash -c); an item may name its own acceptance test. */
    test_command: z.string().min(1).optional(),
    /** Branch name prefix; branches are `<prefix><issue>-<slug>`. */
    branch_prefix: z.string().min(1).default("orchestrator/"),
    /** Standing rules given to every agent in the task envelope. */
    rules: z.array(z.string().min(1)).default([]),
    /**
     * Stacked dependency chains (issue #14, docs/merge-queue.md): a dependent whose one open
     * dependency has an approved open pull request is dispatched at once, its worker starting on
     * that pull request's branch; its own pull request targets the default branch and contains the
     * dependency's commits, so the batch strategy lands the chain as one batch without a rebase.
     */
    stack_on_approved: z.boolean().default(false),
    /**
     * TDD gate (issue #13, docs/verify.md): the agent first writes tests for the acceptance
     * criteria, which must fail on the base; they are committed, then the change must make them
     * pass without touching them. The review then requires red-then-green evidence per criterion.
     */
    tdd: z.boolean().default(false),
  })
  .prefault({});

/**
 * Verification after landing (issue #13 item 4, docs/verify.md): `command` runs on a runner against
 * the landed commit and checks each acceptance criterion; absent = off.
 */
const verifySchema = z
  .strictObject({
    /** `bash -c` command run in the checkout of the landed commit; writes `.orchestrator/verification.json`. */
    command: z.string().min(1).optional(),
    /** When it runs: after the merge (`merge`) or after a successful `deployment_status` (`deployment`). */
    on: z.enum(["merge", "deployment"]).default("merge"),
    /** What a failed criterion does: reopen the item as a hotfix, or open a revert pull request. */
    on_failure: z.enum(["reopen", "revert"]).default("reopen"),
    /** Wall-clock limit of the command, minutes. */
    timeout_minutes: z.number().positive().default(15),
  })
  .prefault({});

const scopeSchema = z
  .strictObject({
    /** Scope used when an item names none: path globs (picomatch) the agent may change. */
    default: globList.default(["**"]),
  })
  .prefault({});

const autonomySchema = z
  .strictObject({
    /** Changes to these paths need a trusted `/approve`, whatever else is configured. */
    gate: globList.default([
      ".github/workflows/**",
      ".github/actions/**",
      ".ci/**",
      ".gitlab-ci.yml",
      "**/package.json",
      "**/package-lock.json",
      "**/npm-shrinkwrap.json",
      "**/yarn.lock",
      "**/pnpm-lock.yaml",
      "**/requirements*.txt",
      "**/poetry.lock",
      "**/Pipfile.lock",
      "**/go.mod",
      "**/go.sum",
      "**/Cargo.toml",
      "**/Cargo.lock",
      "**/Gemfile.lock",
      "**/Dockerfile",
    ]),
    /** Deleting more than this many files needs a person. */
    max_deleted_files: z.number().int().min(0).default(5),
  })
  .prefault({});

/** An agent run on a runner for a role other than coding (reviewer, PM): which CLI, how, which model. */
const roleAgentSchema = z.strictObject({
  name: agentNameSchema,
  command: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
});

const reviewSchema = z
  .strictObject({
    /** Optional reviewer agent (may be another model family than the coder), run on a runner. */
    agent: roleAgentSchema
      .nullable()
      .default(null),
    /** When on, the author of an issue cannot `/approve` the pull request that implements it. */
    require_independent_approval: z.boolean().default(false),
    /**
     * Minutes a worker pull request's head may go without any check (run or commit status) while
     * the repository has workflows triggered by pull requests, before the app says that the push
     * probably used `GITHUB_TOKEN` (which starts no workflow) and how to fix it; 0 turns it off.
     */
    checks_grace_minutes: z.number().min(0).default(10),
  })
  .prefault({});

const mergeSchema = z
  .strictObject({
    method: z.enum(["merge", "squash", "rebase"]).default("squash"),
    /** Check names that must pass on the tested head; empty means every check on the head. */
    required_checks: z.array(z.string().min(1)).default([]),
    /** Accept a GitHub review APPROVE from a trusted person as `/approve`. */
    accept_github_reviews: z.boolean().default(false),
    /** Periodic re-evaluation of the queue for missed events, minutes. */
    reevaluate_minutes: z.number().positive().default(5),
    /**
     * Queue strategy (docs/merge-queue.md): `serial` lands one pull request at a time; `batch`
     * tests up to `batch_size` together on a staging branch and bisects a red batch; `github`
     * hands pull requests to GitHub's merge queue in dependency order (issue #14).
     */
    strategy: z.enum(["serial", "batch", "github"]).default("serial"),
    /**
     * `batch` only: most pull requests tested together. 8 is bors' default and the simulation's
     * best cost at a 5% failure rate (0.38 CI runs per landed pull request, `npm run bench`).
     */
    batch_size: z.number().int().min(1).max(50).default(8),
    /** `batch` only: re-runs of a red staging test before bisection starts (a flaky check costs one run). */
    flaky_retries: z.number().int().min(0).max(5).default(1),
  })
  .prefault({});

const dashboardSchema = z
  .strictObject({
    /**
     * Keep one dashboard issue per repository (src/app/dashboard.ts, docs/dashboard.md). Opt-in,
     * like Renovate's dependency dashboard: turning it on opens an issue in the repository.
     */
    enabled: z.boolean().default(false),
    /** Title of the dashboard issue when the app creates it (it is found by its marker, not its title). */
    title: z.string().min(1).default("Orchestrator dashboard"),
  })
  .prefault({});

/**
 * The API key variables each agent CLI reads, passed to it when `agent.env` is not set, so a
 * repository with no config file still gives the agent its key. Sources: Claude Code
 * (ANTHROPIC_API_KEY, or CLAUDE_CODE_OAUTH_TOKEN from `claude setup-token`), Codex CLI
 * (OPENAI_API_KEY; CODEX_API_KEY for `codex exec`), Gemini CLI (GEMINI_API_KEY, or GOOGLE_API_KEY
 * for Vertex AI), Aider (the key of whichever provider its model names). `command` gets none.
 */
export const AGENT_KEY_VARIABLES: Readonly<Record<AgentName, readonly string[]>> = {
  "claude-code": ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"],
  codex: ["OPENAI_API_KEY", "CODEX_API_KEY"],
  gemini: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
  aider: ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "DEEPSEEK_API_KEY", "OPENROUTER_API_KEY"],
  command: [],
};

/** `agent.env` when the file sets none: the key variables of the coding, reviewer and PM agents, once each. */
export function defaultAgentEnv(agent: AgentName, reviewer: AgentName | undefined, pm?: AgentName): string[] {
  return [...new Set([...AGENT_KEY_VARIABLES[agent], ...(reviewer ? AGENT_KEY_VARIABLES[reviewer] : []), ...(pm ? AGENT_KEY_VARIABLES[pm] : [])])];
}

/**
 * The PM agent (issue #13, docs/pm-agent.md, docs/pm-plan.md): `agent` refines vague items into
 * stories and plans projects into child work items on a runner (the worker workflow, `mode:
 * refine|plan`), as `review.agent` reviews; null (the default) keeps the PM a form validator.
 * `auto_accept`: tracks whose draft story is accepted without a trusted `/approve` (only when the
 * draft asks no question). `plan_gate`: the children of an epic's plan are created only after a
 * trusted `/approve plan` (false: as soon as the plan is valid).
 */
const pmSchema = z
  .strictObject({
    agent: roleAgentSchema.nullable().default(null),
    auto_accept: z.array(trackSchema).default([]),
    plan_gate: z.boolean().default(true),
  })
  .prefault({});

const configObjectSchema = z
  .strictObject({
    labels: labelsSchema,
    wsjf: wsjfSchema,
    tracks: tracksSchema,
    trust: trustSchema,
    agent: agentSchema,
    budget: budgetConfigSchema,
    breaker: breakerSchema,
    worker: workerSchema,
    scope: scopeSchema,
    autonomy: autonomySchema,
    review: reviewSchema,
    merge: mergeSchema,
    dashboard: dashboardSchema,
    verify: verifySchema,
    pm: pmSchema,
  })
  .prefault({});

/** The whole file; `agent.env` unset becomes {@link defaultAgentEnv}. */
export const configSchema = configObjectSchema.transform((config) => ({
  ...config,
  agent: { ...config.agent, env: config.agent.env ?? defaultAgentEnv(config.agent.name, config.review.agent?.name, config.pm.agent?.name) },
}));

/** The parsed, defaulted configuration. */
export type OrchestratorConfig = z.infer<typeof configSchema>;

/** The configuration with every default, as if the file were empty. */
export function defaultConfig(): OrchestratorConfig {
  return configSchema.parse({});
}
