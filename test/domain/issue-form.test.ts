import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { defaultConfig } from "../../src/config/schema.js";
import { FORM_FIELD_LABELS, NO_RESPONSE, parseIssue, type FormField } from "../../src/domain/parse-issue.js";

/**
 * The issue form and the parser must not drift: load .github/ISSUE_TEMPLATE/work-item.yml, render
 * answers the way GitHub does (`### <label>\n\n<answer>`, `_No response_` for empty optional fields,
 * the chosen option text for dropdowns, a fenced block for textareas with `render`), and parse back.
 */

const formPath = fileURLToPath(new URL("../../.github/ISSUE_TEMPLATE/work-item.yml", import.meta.url));

const elementSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("markdown"), attributes: z.object({ value: z.string() }) }),
  z.object({
    type: z.enum(["textarea", "input", "dropdown"]),
    id: z.string(),
    attributes: z.object({
      label: z.string(),
      options: z.array(z.string()).optional(),
      render: z.string().optional(),
    }),
    validations: z.object({ required: z.boolean() }).optional(),
  }),
]);
const formSchema = z.object({ name: z.string(), description: z.string(), body: z.array(elementSchema) });
const form = formSchema.parse(parse(readFileSync(formPath, "utf8")));
const fields = form.body.flatMap((el) => (el.type === "markdown" ? [] : [el]));

/** Renders an issue body the way GitHub renders a submitted form. */
function renderForm(answers: Partial<Record<string, string>>): string {
  return fields
    .map((field) => {
      const answer = answers[field.id];
      const text = answer === undefined || answer === "" ? NO_RESPONSE : field.attributes.render ? `\`\`\`${field.attributes.render}\n${answer}\n\`\`\`` : answer;
      return `### ${field.attributes.label}\n\n${text}`;
    })
    .join("\n\n");
}

function option(id: FormField, index: number): string {
  const options = fields.find((f) => f.id === id)?.attributes.options ?? [];
  const chosen = options[index];
  if (chosen === undefined) throw new Error(`no option ${index} for ${id}`);
  return chosen;
}

const config = defaultConfig();

describe("the work-item issue form", () => {
  it("has exactly the fields the parser knows, with the same labels", () => {
    const byId = Object.fromEntries(fields.map((f) => [f.id, f.attributes.label]));
    expect(byId).toEqual(FORM_FIELD_LABELS);
  });

  it("requires only the goal / problem", () => {
    const required = fields.filter((f) => f.validations?.required === true).map((f) => f.id);
    expect(required).toEqual(["goal"]);
  });

  it("offers ratings 1..5 and sizes XS..XL that parse to themselves", () => {
    for (const id of ["business_value", "time_criticality", "risk_reduction"] as const) {
      const options = fields.find((f) => f.id === id)?.attributes.options ?? [];
      expect(options).toHaveLength(5);
      options.forEach((_, i) => {
        const body = renderForm({ goal: "g", [id]: option(id, i) });
        const key = id === "business_value" ? "value" : id === "time_criticality" ? "urgency" : "risk";
        expect(parseIssue({ title: "t", body, labels: [] }, config).wsjf[key]).toBe(i + 1);
      });
    }
    const sizes = fields.find((f) => f.id === "job_size")?.attributes.options ?? [];
    expect(sizes.map((_, i) => parseIssue({ title: "t", body: renderForm({ goal: "g", job_size: option("job_size", i) }), labels: [] }, config).size)).toEqual([
      "XS",
      "S",
      "M",
      "L",
      "XL",
    ]);
  });

  it("reads back a fully answered form", () => {
    const body = renderForm({
      goal: "Users cannot reset their password when the e-mail contains a plus sign.",
      acceptance_criteria: [
        "- [ ] Given a user with a + in the e-mail, when they request a reset, then they receive it",
        "Given an unknown e-mail, when a reset is requested, then the response does not reveal it",
      ].join("\n"),
      scope: "src/auth/**\n`test/auth/**`\nsrc/auth/reset.ts",
      depends_on: "#12, octo/lib#3\nhttps://github.com/octo/api/issues/7",
      acceptance_test: "npm test -- test/auth/reset.test.ts",
      business_value: option("business_value", 2),
      time_criticality: option("time_criticality", 1),
      risk_reduction: option("risk_reduction", 1),
      job_size: option("job_size", 1),
    });
    const parsed = parseIssue({ title: "Password reset with plus", body, labels: [] }, config);
    expect(parsed).toEqual({
      title: "Password reset with plus",
      goal: "Users cannot reset their password when the e-mail contains a plus sign.",
      acceptanceCriteria: [
        "Given a user with a + in the e-mail, when they request a reset, then they receive it",
        "Given an unknown e-mail, when a reset is requested, then the response does not reveal it",
      ],
      scope: ["src/auth/**", "test/auth/**", "src/auth/reset.ts"],
      dependsOn: ["#12", "octo/lib#3", "octo/api#7"],
      acceptanceTest: "npm test -- test/auth/reset.test.ts",
      files: ["src/auth/reset.ts"],
      wsjf: { value: 3, urgency: 2, risk: 2, size: "S" },
      size: "S",
      wsjfSources: { value: "body", urgency: "body", risk: "body", size: "body" },
    });
  });

  it("reads a minimal form (only the goal) as no criteria, no scope and no WSJF inputs", () => {
    const parsed = parseIssue({ title: "t", body: renderForm({ goal: "Make it faster" }), labels: [] }, config);
    expect(parsed.goal).toBe("Make it faster");
    expect(parsed.acceptanceCriteria).toEqual([]);
    expect(parsed.scope).toEqual([]);
    expect(parsed.dependsOn).toEqual([]);
    expect(parsed.acceptanceTest).toBeUndefined();
    expect(parsed.wsjf).toEqual({});
  });
});
