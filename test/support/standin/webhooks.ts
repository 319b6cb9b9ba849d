/**
 * Webhook deliveries: signed like GitHub (X-Hub-Signature-256 = HMAC-SHA256 of the exact body),
 * sent one at a time in order through a queue. Failures are recorded, never thrown.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { Delivery, TimelineEvent } from "./types.js";

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private running = false;
  private drained: Array<() => void> = [];

  constructor(
    private readonly opts: {
      secret: string;
      /** Where each delivery goes; several URLs each get every delivery, at the same time. */
      urls: () => string[];
      appId: number;
      installationId: number;
      note: (e: Omit<TimelineEvent, "seq" | "at">) => void;
      /** Called for each new (not re-) delivery before it is queued, e.g. to check its shape. */
      inspect?: (d: Delivery) => void;
    },
  ) {}

  /** Queues one delivery of `event` (payload already complete). */
  enqueue(event: string, payload: Record<string, unknown>): Delivery {
    const d: Delivery = { id: randomUUID(), event, payload, redelivery: false };
    if (typeof payload.action === "string") d.action = payload.action;
    this.opts.inspect?.(d);
    this.deliveries.push(d);
    this.queue.push(d);
    void this.pump();
    return d;
  }

  /** Sends an earlier delivery again with the same X-GitHub-Delivery id. */
  redeliver(id: string): Delivery {
    const original = this.deliveries.find((d) => d.id === id);
    if (!original) throw new Error(`stand-in: no delivery ${id}`);
    const d: Delivery = { ...original, redelivery: true, status: undefined, error: undefined };
    delete d.status;
    delete d.error;
    this.deliveries.push(d);
    this.queue.push(d);
    void this.pump();
    return d;
  }

  /** Deliveries queued or in flight. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const d = this.queue.shift()!;
        await this.send(d);
      }
    } finally {
      this.running = false;
    }
  }

  private async send(d: Delivery): Promise<void> {
    const body = JSON.stringify(d.payload);
    const summary = describe(d);
    const urls = this.opts.urls();
    const base = { event: d.event, deliveryId: d.id, ...(d.action ? { action: d.action } : {}), ...itemOf(d.payload), actor: senderOf(d.payload) };
    if (!urls.length) {
      d.error = "no webhook URL";
      this.opts.note({ kind: "webhook-failed", summary: `${summary} (not sent: no webhook URL)`, ...base });
      return;
    }
    const tag = (i: number) => (urls.length > 1 ? ` [to ${i + 1}/${urls.length}]` : "");
    // The delivery's status is its first failure (or the last success), so a test sees any refusal.
    const outcomes = await Promise.all(urls.map((url) => this.post(url, d, body)));
    outcomes.forEach((o, i) => {
      if (o.status !== undefined && o.status >= 200 && o.status < 300) this.opts.note({ kind: "webhook", summary: `${d.redelivery ? "redelivered " : ""}${summary}${tag(i)}`, ...base });
      else this.opts.note({ kind: "webhook-failed", summary: `${summary}${tag(i)} -> ${o.status !== undefined ? `HTTP ${o.status}` : o.error}`, ...base });
    });
    const failed = outcomes.find((o) => o.status === undefined || o.status < 200 || o.status >= 300);
    const shown = failed ?? outcomes[outcomes.length - 1]!;
    if (shown.status !== undefined) d.status = shown.status;
    if (shown.error !== undefined) d.error = shown.error;
  }

  private async post(url: string, d: Delivery, body: string): Promise<{ status?: number; error?: string }> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/stand-in",
          "x-github-event": d.event,
          "x-github-delivery": d.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-id": String(this.opts.appId),
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature-256": sign(this.opts.secret, body),
          "x-hub-signature": `sha1=${createHmac("sha1", this.opts.secret).update(body).digest("hex")}`,
        },
        body,
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status };
    } catch (e) {
      return { error: String((e as Error).cause ?? (e as Error).message) };
    }
  }
}

function senderOf(p: Record<string, unknown>): string | undefined {
  return (p.sender as { login?: string } | undefined)?.login;
}

function itemOf(p: Record<string, unknown>): { item?: number } {
  const n =
    (p.issue as { number?: number } | undefined)?.number ??
    (p.pull_request as { number?: number } | undefined)?.number ??
    (p.sub_issue as { number?: number } | undefined)?.number ??
    (p.blocked_issue as { number?: number } | undefined)?.number;
  return n === undefined ? {} : { item: n };
}

function describe(d: Delivery): string {
  const p = d.payload;
  const parts = [`${d.event}${d.action ? "." + d.action : ""}`];
  const item = itemOf(p).item;
  if (item !== undefined) parts.push(`#${item}`);
  const label = (p.label as { name?: string } | undefined)?.name;
  if (label) parts.push(`[${label}]`);
  const cr = p.check_run as { name?: string; conclusion?: string | null; head_sha?: string } | undefined;
  if (cr) parts.push(`"${cr.name}" ${cr.conclusion ?? ""} @${cr.head_sha?.slice(0, 7)}`);
  const wr = p.workflow_run as { id?: number; path?: string; conclusion?: string | null } | undefined;
  if (wr) parts.push(`run ${wr.id} ${wr.path} ${wr.conclusion ?? ""}`);
  if (d.event === "push") parts.push(`${String(p.ref)} ${String(p.before).slice(0, 7)}..${String(p.after).slice(0, 7)}`);
  const comment = p.comment as { body?: string } | undefined;
  if (comment?.body) parts.push(JSON.stringify(comment.body.length > 60 ? comment.body.slice(0, 57) + "..." : comment.body));
  const review = p.review as { state?: string } | undefined;
  if (review?.state) parts.push(review.state);
  const sender = senderOf(p);
  if (sender) parts.push(`by ${sender}`);
  return parts.join(" ");
}
