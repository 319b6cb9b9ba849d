/**
 * Conditional requests as GitHub serves them: a GET answered 200 carries a weak `ETag` derived from
 * the answer (and from who asked and in which media type, as GitHub's `Vary: Accept, Authorization`
 * says); a GET whose `If-None-Match` names the current ETag is answered `304 Not Modified` with no
 * body. GitHub does not charge a 304 against the primary rate limit, so the request log keeps the
 * status and the benchmarks count 304s apart.
 */
import { createHash } from "node:crypto";
import type { RouteResult } from "./routing.js";

/**
 * `result` with its ETag, or a 304 when `ifNoneMatch` already names it. Only GETs answered 200
 * take part; everything else is returned unchanged. A JSON answer is serialized here once and sent
 * as is (the hash needs the text anyway).
 */
export function conditional(method: string, result: RouteResult, caller: string, accept: string, ifNoneMatch: string | undefined): RouteResult {
  if (method !== "GET" || result.status !== 200) return result;
  const raw = result.raw ?? { data: JSON.stringify(result.body ?? null), contentType: "application/json; charset=utf-8" };
  const etag = `W/"${createHash("sha1").update(caller).update("\0").update(accept).update("\0").update(raw.data).digest("hex")}"`;
  if (ifNoneMatch !== undefined && ifNoneMatch.split(",").some((tag) => tag.trim() === etag)) {
    return { status: 304, headers: { etag } };
  }
  const { body: _body, ...rest } = result;
  return { ...rest, raw, headers: { ...result.headers, etag } };
}
