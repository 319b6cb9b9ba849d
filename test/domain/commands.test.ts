import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCommand, isCommandError, parseCommands, type CommandError, type ParsedCommand } from "../../src/domain/commands.js";

function one(body: string): ParsedCommand | CommandError {
  const results = parseCommands(body);
  expect(results).toHaveLength(1);
  return results[0] as ParsedCommand | CommandError;
}

function errorOf(body: string): string {
  const result = one(body);
  if (!isCommandError(result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}

describe("parseCommands: every command", () => {
  it.each([
    ["/approve", { kind: "approve" }],
    ["/approve cancel", { kind: "approve-cancel" }],
    ["/APPROVE Cancel", { kind: "approve-cancel" }],
    ["/retry", { kind: "retry", guidance: null }],
    ["/retry use the existing date helper  ", { kind: "retry", guidance: "use the existing date helper" }],
    ["/hold", { kind: "hold", reason: null }],
    ["/Hold waiting for legal", { kind: "hold", reason: "waiting for legal" }],
    ["/unhold", { kind: "unhold" }],
    ["/wsjf value=3", { kind: "wsjf", value: 3 }],
    ["/wsjf value=3 urgency=5 risk=1 size=XL", { kind: "wsjf", value: 3, urgency: 5, risk: 1, size: "XL" }],
    ["/WSJF Size=m urgency = 2", { kind: "wsjf", urgency: 2, size: "M" }],
    ["/track hotfix", { kind: "track", track: "hotfix" }],
    ["/track Project", { kind: "track", track: "project" }],
    ["/cancel", { kind: "cancel" }],
    ["/help", { kind: "help" }],
  ])("%s", (body, expected) => {
    expect(one(body)).toEqual({ ...expected, line: 1, source: body.trim() });
  });

  it("finds one command per line, in order, with line numbers", () => {
    const body = "Looks good.\r\n/hold until Monday\n\n  /wsjf size=S\nthanks /approve";
    expect(parseCommands(body)).toEqual([
      { kind: "hold", reason: "until Monday", line: 2, source: "/hold until Monday" },
      { kind: "wsjf", size: "S", line: 4, source: "/wsjf size=S" },
    ]);
  });

  it("ignores text that is not a command at the start of a line, paths and foreign slash words", () => {
    expect(parseCommands("please /approve\nsee /usr/bin/env\n/shrug\n/me waves\n/ approve")).toEqual([]);
  });
});

describe("parseCommands: lines a reader does not see as the commenter's own", () => {
  it("ignores quoted lines, also nested and indented quotes", () => {
    expect(parseCommands("> /approve\n>> /approve\n   > /approve\n>/approve")).toEqual([]);
  });

  it("ignores fenced code blocks (``` and ~~~, longer fences, unclosed fence)", () => {
    const body = ["```", "/approve", "```", "~~~sh", "/cancel", "~~~", "````", "```", "/hold", "````", "/unhold", "```", "/approve"].join("\n");
    expect(parseCommands(body)).toEqual([{ kind: "unhold", line: 11, source: "/unhold" }]);
  });

  it("ignores indented code and HTML comments", () => {
    expect(parseCommands("    /approve\n\t/approve\n<!-- /approve -->\n<!--\n/approve\n-->\n/help")).toEqual([
      { kind: "help", line: 7, source: "/help" },
    ]);
  });
});

describe("parseCommands: malformed commands get a precise message with the correct form", () => {
  it.each([
    ["/aprove", /Unknown command `\/aprove`.*Did you mean `\/approve`/],
    ["/approved", /Did you mean `\/approve`/],
    ["/retyr", /Did you mean `\/retry`/],
    ["/wsfj value=2", /Did you mean `\/wsjf`/],
    ["/unhol", /Did you mean `\/unhold`/],
    ["/approve now", /`\/approve` takes no argument except `cancel` or `plan` \(got `now`\)/],
    ["/approve.", /`\/approve\.` is not a command.*`\/approve`, `\/approve cancel` or `\/approve plan`/],
    ["/cancel it", /`\/cancel` takes no arguments \(got `it`\)\. Use `\/cancel`/],
    ["/unhold now", /`\/unhold` takes no arguments/],
    ["/wsjf", /needs at least one of value, urgency, risk, size.*Use `\/wsjf value=1-5/],
    ["/wsjf value=7", /`value=7` must be a whole number from 1 to 5/],
    ["/wsjf urgency=0", /`urgency=0` must be a whole number from 1 to 5/],
    ["/wsjf risk=2.5", /`risk=2\.5` must be a whole number from 1 to 5/],
    ["/wsjf size=XXL", /`size=XXL` must be one of XS, S, M, L, XL/],
    ["/wsjf speed=3", /Unknown key `speed` \(known: value, urgency, risk, size\)/],
    ["/wsjf __proto__=1", /Unknown key `__proto__`/],
    ["/wsjf value=1 value=2", /`value` is given twice/],
    ["/wsjf value", /`value` is not a `key=value` pair/],
    ["/track fast", /Unknown track `fast`\. Use `\/track hotfix\|standard\|project`/],
    ["/track", /`\/track` needs a track/],
  ])("%s", (body, message) => {
    expect(errorOf(body)).toMatch(message);
  });

  it("reports several problems of one /wsjf line together", () => {
    const message = errorOf("/wsjf value=9 size=Q");
    expect(message).toMatch(/value=9/);
    expect(message).toMatch(/size=Q/);
  });
});

describe("formatCommand", () => {
  it("gives the canonical text, which parses back to the same command", () => {
    for (const body of ["/approve", "/approve cancel", "/retry try smaller steps", "/hold", "/unhold", "/wsjf value=2 risk=3 size=L", "/track standard", "/cancel", "/help"]) {
      const parsed = one(body);
      if (isCommandError(parsed)) throw new Error(parsed.message);
      expect(formatCommand(parsed)).toBe(body);
    }
  });

  it("orders /wsjf keys canonically", () => {
    const parsed = one("/wsjf size=s value=1");
    if (isCommandError(parsed)) throw new Error(parsed.message);
    expect(formatCommand(parsed)).toBe("/wsjf value=1 size=S");
  });
});

describe("parseCommands: robustness (property)", () => {
  const commandish = fc.constantFrom("/approve", "/retry", "/hold", "/unhold", "/wsjf", "/track", "/cancel", "/help", "> ", "```", "~~~", "<!--", "-->", "=", " ", "\n", "\r\n", "\t", "value=", "size=");
  const text = fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), commandish), { maxLength: 30 }).map((parts) => parts.join(""));

  it("never throws and returns only well-formed results", () => {
    fc.assert(
      fc.property(text, (body) => {
        const lines = body.split(/\r\n|\r|\n/).length;
        for (const result of parseCommands(body)) {
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(lines);
          expect(result.source.startsWith("/")).toBe(true);
          if (isCommandError(result)) expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never sees a command inside a quote", () => {
    fc.assert(
      fc.property(text, (body) => {
        const quoted = body
          .split(/\r\n|\r|\n/)
          .map((l) => `> ${l}`)
          .join("\n");
        expect(parseCommands(quoted)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a well-formed command parses to itself after formatting", () => {
    const command = fc.oneof(
      fc.constant("/approve"),
      fc.constant("/approve cancel"),
      fc.constantFrom("hotfix", "standard", "project").map((t) => `/track ${t}`),
      fc
        .record(
          { value: fc.integer({ min: 1, max: 5 }), urgency: fc.integer({ min: 1, max: 5 }), risk: fc.integer({ min: 1, max: 5 }), size: fc.constantFrom("XS", "S", "M", "L", "XL") },
          { requiredKeys: [] },
        )
        .filter((r) => Object.keys(r).length > 0)
        .map((r) => `/wsjf ${Object.entries(r).map(([k, v]) => `${k}=${v}`).join(" ")}`),
    );
    fc.assert(
      fc.property(command, (body) => {
        const parsed = one(body);
        if (isCommandError(parsed)) throw new Error(parsed.message);
        const again = one(formatCommand(parsed));
        expect({ ...again, source: "" }).toEqual({ ...parsed, source: "" });
      }),
    );
  });
});
