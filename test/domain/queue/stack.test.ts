import { describe, expect, it } from "vitest";
import { mayStackOn, stackBase, type StackDependency } from "../../../src/domain/queue/stack.js";

const dep = (over: Partial<StackDependency> = {}): StackDependency => ({
  ref: "#6",
  open: true,
  status: "approved",
  pr: { headRef: "orchestrator/6-lower", headSha: "abc" },
  approvedHead: "abc",
  ...over,
});

describe("stacked chains (worker.stack_on_approved)", () => {
  it("one open same-repository dependency with an approved pull request may be stacked on; nothing else may", () => {
    expect(mayStackOn([{ ref: "#6", status: "approved" }], true)).toBe(true);
    expect(mayStackOn([{ ref: "#6", status: "merging" }], true)).toBe(true);
    expect(mayStackOn([{ ref: "#6", status: "approved" }], false)).toBe(false);
    expect(mayStackOn([{ ref: "#6", status: "in-review" }], true)).toBe(false);
    expect(mayStackOn([{ ref: "acme/other#6", status: "approved" }], true)).toBe(false);
    expect(mayStackOn([{ ref: "#6", status: "approved" }, { ref: "#7", status: "approved" }], true)).toBe(false);
    expect(mayStackOn([], true)).toBe(false);
  });

  it("the stack base is the dependency's pull request branch while the approval covers its head", () => {
    expect(stackBase([dep(), dep({ ref: "#5", open: false })], true)).toEqual({ ref: "#6", branch: "orchestrator/6-lower", headSha: "abc" });
    expect(stackBase([dep({ approvedHead: "older" })], true)).toBeNull();
    expect(stackBase([dep({ pr: null })], true)).toBeNull();
    expect(stackBase([dep()], false)).toBeNull();
  });
});
