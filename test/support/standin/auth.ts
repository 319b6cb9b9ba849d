/**
 * Who is calling: app JWTs, installation tokens (act as `<slug>[bot]`), per-workflow-run tokens
 * (act as `github-actions[bot]`) and the stand-in's own person tokens (used by `as(login)`).
 */
import { createVerify, randomBytes } from "node:crypto";

export type Identity =
  | { kind: "app" }
  | { kind: "installation"; login: string }
  | { kind: "run"; login: "github-actions[bot]"; runId: number }
  | { kind: "person"; login: string }
  | { kind: "anonymous" };

export class Auth {
  private readonly tokens = new Map<string, Identity>();

  constructor(private readonly app: { id: number; slug: string; publicKeyPem?: string }) {}

  get botLogin(): string {
    return `${this.app.slug}[bot]`;
  }

  /** A new installation access token (GitHub's expire after one hour). */
  issueInstallationToken(): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    this.tokens.set(token, { kind: "installation", login: this.botLogin });
    return { token, expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  issueRunToken(runId: number): string {
    const token = `ghs_run${runId}_${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, { kind: "run", login: "github-actions[bot]", runId });
    return token;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  personToken(login: string): string {
    const token = `standin_person_${login}`;
    this.tokens.set(token, { kind: "person", login });
    return token;
  }

  /** Identity from an Authorization header; "bad" for an unknown token or a bad JWT. */
  identify(header: string | undefined): Identity | "bad" {
    if (!header) return { kind: "anonymous" };
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(header.trim());
    if (!m) return "bad";
    const credential = m[1]!.trim();
    const known = this.tokens.get(credential);
    if (known) return known;
    if (credential.split(".").length === 3) return this.verifyJwt(credential) ? { kind: "app" } : "bad";
    return "bad";
  }

  private verifyJwt(jwt: string): boolean {
    const [h, p, s] = jwt.split(".") as [string, string, string];
    let payload: { iss?: unknown };
    try {
      payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    } catch {
      return false;
    }
    if (String(payload.iss) !== String(this.app.id) && !String(payload.iss).startsWith("Iv")) return false;
    if (!this.app.publicKeyPem) return true;
    const verify = createVerify("RSA-SHA256");
    verify.update(`${h}.${p}`);
    try {
      return verify.verify(this.app.publicKeyPem, Buffer.from(s, "base64url"));
    } catch {
      return false;
    }
  }
}
