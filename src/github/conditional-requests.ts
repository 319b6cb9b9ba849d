/**
 * Conditional requests (issue #9 "a request budget": "ETag conditional requests"): every GET whose
 * answer carried an `ETag` is remembered, and the next GET of the same URL sends `If-None-Match`.
 * GitHub answers `304 Not Modified` when nothing changed, and a 304 does not count against the
 * primary rate limit (docs.github.com, "Best practices for using the REST API": "Use conditional
 * requests if appropriate"). The remembered answer is then returned as if GitHub had sent it.
 *
 * Safe by construction: a 304 is GitHub's statement that the answer is unchanged, so nothing stale
 * is ever served; a request without a remembered answer is an ordinary request. One cache per
 * process, shared by every Octokit the process creates (Probot makes one per event), bounded by the
 * number of answers it keeps ({@link CACHE_MAX_ENTRIES}); in Actions mode (one job per event)
 * it starts empty and costs nothing.
 */
import { LRUCache } from "lru-cache";

/** The slice of an Octokit response this cache keeps and returns: `{status, url, headers, data}`. */
interface CachedResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

interface Entry {
  etag: string;
  response: CachedResponse;
}

/**
 * Upper bound of the cache, in answers kept (least recently used first out). Most answers are a
 * few KiB (an issue, a comment page, a pull request), so this is tens of MiB at most; counting
 * entries instead of bytes spares serializing every answer again.
 */
const CACHE_MAX_ENTRIES = 5000;

const cache = new LRUCache<string, Entry>({ max: CACHE_MAX_ENTRIES });

/** Request options as the `request` hook sees them (a route template plus parameters). */
interface HookOptions {
  method?: string;
  url?: string;
  headers?: Record<string, string | undefined>;
  [key: string]: unknown;
}

type RequestFn = (options: HookOptions) => Promise<CachedResponse>;

interface HookedOctokit {
  hook: { wrap(name: "request", wrapper: (request: RequestFn, options: HookOptions) => Promise<CachedResponse>): void };
  request: { endpoint: { parse(options: HookOptions): { method: string; url: string; headers: Record<string, string | undefined> } } };
}

/**
 * Octokit plugin: sends `If-None-Match` on GETs it has an ETag for and turns a `304` into the
 * remembered answer. Every other request, and every other failure, passes through unchanged.
 */
export function conditionalRequests(octokit: HookedOctokit): Record<string, never> {
  octokit.hook.wrap("request", async (request, options) => {
    if ((options.method ?? "GET").toUpperCase() !== "GET") return request(options);
    const parsed = octokit.request.endpoint.parse(options);
    // The media type changes the body (raw file contents vs JSON), so it is part of the key.
    const key = `${parsed.url} ${parsed.headers.accept ?? ""}`;
    const known = cache.get(key);
    // In place: the hooks inside this one (auth, retry) are bound to this very options object and
    // ignore the arguments `request` is called with (before-after-hook's `register`).
    if (known) options.headers = { ...options.headers, "if-none-match": known.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === "string" && response.status === 200) {
        cache.set(key, { etag, response: { ...response, data: structuredClone(response.data) } });
      }
      return response;
    } catch (error) {
      if (known && (error as { status?: number }).status === 304) {
        return { ...known.response, data: structuredClone(known.response.data) };
      }
      throw error;
    }
  });
  return {};
}
