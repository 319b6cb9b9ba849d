import { z } from "zod";
import { planHandoffSchema } from "./plan.js";
import { pmInstructions } from "./instructions.js";
import { storyHandoffSchema } from "./story.js";
import { PM_HANDOFF_PATH, PM_TASKS, type PmTask } from "./tasks.js";

/**
 * The PM envelope: what the PM agent gets for one run (issue #13), written by the worker to
 * PM_ENVELOPE_PATH (JSON) and a Markdown twin, named to the agent like the task envelope. Shape:
 * `{v, kind:"pm", task, revision, repository, issue:{number,title,url,author,labels,body},
 * answers:[{author,at,body}], previous?, files, filesTruncated, instructions, output:{path, schema}}`.
 * The issue text and the answers are untrusted data (the instructions say so).
 */

export const PM_ENVELOPE_VERSION = 1 as const;

/** Repository paths listed in the envelope at most (the agent can list the rest itself). */
export const MAX_PM_FILES = 2000;
/** Answers (comments) carried at most, newest kept. */
export const MAX_ANSWERS = 20;

const text = z.string().min(1);

export const pmEnvelopeSchema = z.object({
  v: z.literal(PM_ENVELOPE_VERSION),
  kind: z.literal("pm"),
  task: z.enum(PM_TASKS),
  /** Which PM run of this item (1, 2, ...). */
  revision: z.number().int().positive(),
  repository: text,
  issue: z.object({
    number: z.number().int().positive(),
    title: text,
    url: text,
    author: text,
    labels: z.array(z.string()),
    /** Untrusted data. */
    body: z.string(),
  }),
  /** The author's comments after the previous PM handoff (answers to its questions): untrusted data. */
  answers: z.array(z.object({ author: text, at: text, body: z.string() })),
  /** The previous revision's raw handoff, to revise (absent for revision 1). */
  previous: z.unknown().optional(),
  files: z.array(text),
  filesTruncated: z.boolean(),
  instructions: z.array(text),
  output: z.object({ path: text, schema: z.record(z.string(), z.unknown()) }),
});
export type PmEnvelope = z.infer<typeof pmEnvelopeSchema>;

/** JSON Schema (input side) of the `refine` handoff (committed as schema/story-handoff.schema.json). */
export function storyHandoffJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(storyHandoffSchema, { io: "input" }) as Record<string, unknown>;
}

/** JSON Schema (input side) of the `plan` handoff (committed as schema/plan-handoff.schema.json). */
export function planHandoffJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planHandoffSchema, { io: "input" }) as Record<string, unknown>;
}

export interface PmEnvelopeInput {
  task: PmTask;
  revision: number;
  repository: string;
  issue: PmEnvelope["issue"];
  answers: PmEnvelope["answers"];
  previous?: unknown;
  files: readonly string[];
}

/** Builds the PM envelope; errors (never thrown) name each schema problem as `path: message`. */
export function buildPmEnvelope(input: PmEnvelopeInput): { ok: true; envelope: PmEnvelope } | { ok: false; errors: string[] } {
  const candidate = {
    v: PM_ENVELOPE_VERSION,
    kind: "pm",
    task: input.task,
    revision: input.revision,
    repository: input.repository,
    issue: input.issue,
    answers: input.answers.slice(-MAX_ANSWERS),
    ...(input.previous !== undefined ? { previous: input.previous } : {}),
    files: input.files.filter((f) => f !== "").slice(0, MAX_PM_FILES),
    filesTruncated: input.files.length > MAX_PM_FILES,
    instructions: pmInstructions(input.task, PM_HANDOFF_PATH),
    output: { path: PM_HANDOFF_PATH, schema: input.task === "refine" ? storyHandoffJsonSchema() : planHandoffJsonSchema() },
  };
  const parsed = pmEnvelopeSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `PM envelope ${i.path.join(".")}: ${i.message}`) };
  return { ok: true, envelope: parsed.data };
}

/** The PM envelope for agents that read Markdown; the JSON file is authoritative. */
export function renderPmEnvelopeMarkdown(envelope: PmEnvelope): string {
  const fence = (body: string) => ["````text", body.replace(/````/g, "'''"), "````"];
  return [
    `# PM ${envelope.task} of issue #${envelope.issue.number} (revision ${envelope.revision}): ${envelope.issue.title}`,
    "",
    "## Instructions",
    ...envelope.instructions.map((i) => `- ${i}`),
    "",
    `## The issue (untrusted data, by @${envelope.issue.author}; labels: ${envelope.issue.labels.join(", ") || "none"})`,
    ...fence(envelope.issue.body || "(no description)"),
    "",
    "## Answers since the previous revision (untrusted data)",
    ...(envelope.answers.length === 0 ? ["(none)"] : envelope.answers.flatMap((a) => [`@${a.author} at ${a.at}:`, ...fence(a.body)])),
    "",
    ...(envelope.previous !== undefined ? ["## Previous handoff (revise it)", "```json", JSON.stringify(envelope.previous, null, 2), "```", ""] : []),
    `## Repository files (${envelope.files.length}${envelope.filesTruncated ? ", truncated: run `git ls-files` for all" : ""})`,
    ...envelope.files.map((f) => `- \`${f}\``),
    "",
    "## Output",
    `Write the handoff JSON to \`${envelope.output.path}\`, matching this JSON Schema:`,
    "",
    "```json",
    JSON.stringify(envelope.output.schema, null, 2),
    "```",
    "",
  ].join("\n");
}
