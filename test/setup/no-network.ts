/**
 * Vitest setup file: no test reaches the network. Every TCP connection (http, https, fetch/undici,
 * raw sockets) is refused unless it goes to this machine's loopback (127.0.0.1, ::1, localhost),
 * where the local GitHub stand-in and the app under test listen. Unix-domain sockets (IPC) are
 * local by nature and allowed. A refused connection fails the way a network error does (the
 * socket emits an error), so the code under test sees an ordinary connection failure and the test
 * fails loudly instead of quietly talking to GitHub or anything else.
 */
import net from "node:net";

/** Hosts a test may connect to. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]);

/** The message of a refused connection (tests match on it). */
export const NO_NETWORK = "no-network: tests may only connect to 127.0.0.1, ::1 or localhost";

type ConnectArgs = Parameters<net.Socket["connect"]>;

/** The destination of `socket.connect(...)` in any of its call forms: host (or path) and port. */
function destination(args: unknown[]): { host: string | undefined; port: unknown; path: string | undefined } {
  const [first, second] = args;
  // Node's internal `connect(normalizedArgs)` passes [options, callback] with a symbol flag.
  const options = Array.isArray(first) ? first[0] : first;
  if (typeof options === "object" && options !== null) {
    // http's agent passes `path: null` (the URL's path) for TCP connections: only a string is a socket path.
    const o = options as { host?: string | null; port?: unknown; path?: string | null };
    return { host: o.host ?? undefined, port: o.port, path: typeof o.path === "string" && o.path !== "" ? o.path : undefined };
  }
  if (typeof options === "string" && !/^\d+$/.test(options)) return { host: undefined, port: undefined, path: options };
  return { host: typeof second === "string" ? second : undefined, port: options, path: undefined };
}

const original = net.Socket.prototype.connect;
if (!(original as { noNetwork?: boolean }).noNetwork) {
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const { host, port, path } = destination(args);
    // No host means Node's default, localhost.
    if (path !== undefined || host === undefined || LOOPBACK.has(host.toLowerCase())) {
      return original.apply(this, args as ConnectArgs);
    }
    const error = Object.assign(new Error(`${NO_NETWORK}; refused ${host}:${String(port)}`), { code: "ENETUNREACH" });
    process.nextTick(() => this.destroy(error));
    return this;
  };
  (guarded as { noNetwork?: boolean }).noNetwork = true;
  net.Socket.prototype.connect = guarded as typeof original;
}
