import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JOB_SIZES, defaultConfig } from "../../src/config/schema.js";
import { computeWsjf, roundWsjf } from "../../src/domain/wsjf.js";

const sizes = defaultConfig().wsjf.sizes;
const rating = fc.integer({ min: 1, max: 5 });
const size = fc.constantFrom(...JOB_SIZES);

describe("computeWsjf", () => {
  it("computes the reference example: value 3, urgency 2, risk 2, size S -> 3.5", () => {
    expect(computeWsjf({ value: 3, urgency: 2, risk: 2, size: "S" }, sizes)).toEqual({ score: 3.5, missing: [] });
  });

  it("rounds to two decimals", () => {
    expect(computeWsjf({ value: 1, urgency: 1, risk: 2, size: "M" }, sizes).score).toBe(1.33);
    expect(computeWsjf({ value: 5, urgency: 5, risk: 5, size: "XL" }, sizes).score).toBe(1.88);
  });

  it("uses the configured size map", () => {
    const custom = { ...sizes, S: 4 };
    expect(computeWsjf({ value: 3, urgency: 2, risk: 2, size: "S" }, custom).score).toBe(1.75);
  });

  it("names every missing input in the order value, urgency, risk, size", () => {
    expect(computeWsjf({}, sizes)).toEqual({ score: null, missing: ["value", "urgency", "risk", "size"] });
    expect(computeWsjf({ value: 3, size: "M" }, sizes)).toEqual({ score: null, missing: ["urgency", "risk"] });
  });

  it("treats ratings outside 1..5 or non-integers as missing", () => {
    expect(computeWsjf({ value: 0, urgency: 6, risk: 2.5, size: "S" }, sizes).missing).toEqual(["value", "urgency", "risk"]);
  });

  it("property: with the default sizes every score lies in [3/8, 15] and has at most two decimals", () => {
    fc.assert(
      fc.property(rating, rating, rating, size, (value, urgency, risk, s) => {
        const { score, missing } = computeWsjf({ value, urgency, risk, size: s }, sizes);
        expect(missing).toEqual([]);
        expect(score).not.toBeNull();
        const n = score ?? Number.NaN;
        expect(n).toBeGreaterThanOrEqual(3 / 8);
        expect(n).toBeLessThanOrEqual(15);
        expect(roundWsjf(n)).toBe(n);
        expect(Math.abs(n - (value + urgency + risk) / sizes[s])).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });

  it("property: a larger job size never gives a higher score", () => {
    fc.assert(
      fc.property(rating, rating, rating, fc.integer({ min: 0, max: 3 }), (value, urgency, risk, i) => {
        const smaller = JOB_SIZES[i] ?? "XS";
        const larger = JOB_SIZES[i + 1] ?? "XL";
        const a = computeWsjf({ value, urgency, risk, size: smaller }, sizes).score ?? 0;
        const b = computeWsjf({ value, urgency, risk, size: larger }, sizes).score ?? 0;
        expect(b).toBeLessThanOrEqual(a);
      }),
    );
  });
});
