/**
 * The PM agent's tasks (issue #13, DESIGN.md "a PM layer ... with a PM agent, refines vague requests
 * into stories and plans projects into sub-issues"). A PM run is a worker run on an Actions runner
 * (action mode `refine` or `plan`) through the same dispatch, adapters, scrubbed environment and
 * budgets as a coding attempt; it never writes code and never writes to GitHub itself: the worker
 * posts the agent's JSON handoff raw (src/domain/pm/handoff-block.ts) and the app, the only writer,
 * validates it against the task's schema ({@link storyHandoffSchema}, {@link planHandoffSchema}).
 */

/** `refine`: a standard or hotfix item -> a story draft; `plan`: a project epic -> child work items. */
export const PM_TASKS = ["refine", "plan"] as const;
export type PmTask = (typeof PM_TASKS)[number];

/** Where the PM agent writes its handoff, relative to the checkout (the worker reads it back). */
export const PM_HANDOFF_PATH = ".orchestrator/pm-handoff.json";
/** Where the worker writes the PM envelope for the agent to read (JSON and a Markdown twin). */
export const PM_ENVELOPE_PATH = ".orchestrator/pm-envelope.json";
