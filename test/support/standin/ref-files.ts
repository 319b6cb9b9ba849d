/**
 * Reads refs of the stand-in's bare repository straight from its files (loose refs, then
 * `packed-refs`), as git's own "files" ref backend stores them, instead of starting a
 * `git rev-parse` process per lookup (the stand-in's most frequent git call). Git writes a loose
 * ref through a lock file and a rename, so a read sees the old or the new value, never half.
 * Anything this cannot answer for sure (odd names, symbolic refs) returns `undefined`, and the
 * caller asks git.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const SHA = /^[0-9a-f]{40}$/;
/** Names read from files: plain path segments only (no `..`, no `@{`, no lock files). */
const PLAIN_REF = /^refs\/(?:[A-Za-z0-9_+-][A-Za-z0-9._+-]*\/)*[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;

/** What a lookup found: the ref's object id, `null` when there is no such ref, `undefined` when git must answer. */
export type RefLookup = string | null | undefined;

export class RefFiles {
  constructor(private readonly gitDir: string) {}

  /**
   * The object a full ref name (`refs/heads/main`) points at, unpeeled (an annotated tag's ref gives
   * the tag object). `null` when the ref does not exist; `undefined` when the name or the file is
   * not one this reader handles.
   */
  async read(ref: string): Promise<RefLookup> {
    if (!PLAIN_REF.test(ref) || ref.endsWith(".lock") || ref.includes("..")) return undefined;
    const loose = await readFile(path.join(this.gitDir, ref), "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "ENOTDIR" ? null : Promise.reject(e)));
    if (loose !== null) {
      const value = loose.trim();
      return SHA.test(value) ? value : undefined;
    }
    return (await this.packed()).get(ref) ?? null;
  }

  /** Every ref below `prefix` (e.g. `refs/heads/`), name -> object id, loose refs overriding packed ones. */
  async list(prefix: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [name, sha] of await this.packed()) if (name.startsWith(prefix)) out.set(name, sha);
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(path.join(this.gitDir, dir), { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const name = `${dir}/${e.name}`;
        if (e.isDirectory()) await walk(name);
        else if (e.isFile() && !e.name.endsWith(".lock")) {
          const value = (await readFile(path.join(this.gitDir, name), "utf8").catch(() => "")).trim();
          if (SHA.test(value)) out.set(name, value);
        }
      }
    };
    await walk(prefix.replace(/\/+$/, ""));
    // git's order (for-each-ref sorts by name, byte-wise).
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** `packed-refs`: "<sha> <ref>" lines; "#" header and "^" peeled lines skipped. Read fresh every time (a gc may rewrite it). */
  private async packed(): Promise<Map<string, string>> {
    const text = await readFile(path.join(this.gitDir, "packed-refs"), "utf8").catch(() => "");
    const refs = new Map<string, string>();
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("#") || line.startsWith("^")) continue;
      const [sha, name] = line.split(" ");
      if (sha && name && SHA.test(sha)) refs.set(name, sha);
    }
    return refs;
  }
}
