import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NO_NETWORK } from "./no-network.js";
import { startHarness, type Harness } from "../support/app-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", reject);
  });
}

describe("no test reaches the network (test/setup/no-network.ts)", () => {
  it("fetch to a public host fails with the no-network error", async () => {
    const error = await fetch("https://api.github.com/zen").then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(error).not.toBeNull();
    expect(String(error!.cause?.message ?? error!.message)).toContain(NO_NETWORK);
  });

  it("node:http and raw sockets to non-loopback addresses fail too", async () => {
    await expect(httpGet("http://example.com/")).rejects.toThrow(NO_NETWORK);
    await expect(httpGet("http://10.1.2.3:8080/")).rejects.toThrow(NO_NETWORK);
    const socketError = await new Promise<Error>((resolve) => {
      const s = net.connect(443, "140.82.112.3");
      s.on("error", resolve);
      s.on("connect", () => resolve(new Error("connected")));
    });
    expect(socketError.message).toContain(NO_NETWORK);
  });

  it("loopback stays reachable: the stand-in and the app talk over 127.0.0.1", async () => {
    h = await startHarness();
    expect(await httpGet(`${h.standIn.apiUrl}/repos/acme/widgets`)).toBe(200);
    const n = await h.standIn.as("alice").openIssue({ title: "Hello", body: "Hi." });
    await h.settle();
    expect(h.standIn.state.issues.get(n)!.labels).toContain("status/needs-info");
    expect(h.standIn.violations).toEqual([]);
  });
});
