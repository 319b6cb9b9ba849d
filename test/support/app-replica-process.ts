/**
 * Starts the app as its own process (test/support/app-replica.ts) against a harness's stand-in, for
 * the tests that need a second replica or a process they can kill. Resolves once it listens.
 */
import { execa, type ResultPromise } from "execa";
import path from "node:path";
import { appKeys, type Harness } from "./app-harness.js";

export interface AppProcess {
  child: ResultPromise;
  /** Its base URL, e.g. http://127.0.0.1:PORT (webhooks at /api/github/webhooks, /_inflight, /_sweep). */
  url: string;
}

const SCRIPT = path.resolve(import.meta.dirname, "app-replica.ts");

/**
 * @param env extra environment: REDIS_URL, CLOCK_OFFSET_MS (see app-replica.ts).
 * @throws when the process exits before it listens (its stderr in the message).
 */
export async function startAppProcess(h: Harness, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = execa(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { STANDIN_API_URL: h.standIn.apiUrl, APP_PRIVATE_KEY: appKeys().privateKey, ...env },
    reject: false,
    buffer: false,
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    void child.then((r) => reject(new Error(`app process exited: ${String(r.stderr ?? r.exitCode)}`)));
  });
  return { child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` };
}
