import type { IncomingMessage } from "node:http";

// Checks the HTTP server runs on each request before reading its body: who may call (Host), what it
// may send (Content-Type), and how a client's own disconnect is told apart from a server failure.

/** The host name of a `Host` header, lower-cased, without port or IPv6 brackets. */
function hostName(header: string): string {
  const trimmed = header.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(1, trimmed.indexOf("]") === -1 ? undefined : trimmed.indexOf("]"));
  const colon = trimmed.indexOf(":");
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Whether a request's `Host` names this server: the address the connection arrived on, `localhost`
 * when that is loopback, or one of `allowed`. A page on another origin that reaches the server
 * through DNS rebinding sends its own host name, and is refused.
 * @param req - The request.
 * @param allowed - Extra host names (`--allowed-hosts`); `*` accepts any.
 * @returns Whether to serve it.
 * @example
 * hostAllowed(req, ["rm-node"]); // true for Host: rm-node:5000
 */
export function hostAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  if (allowed.includes("*")) return true;
  const header = req.headers.host;
  // Browsers always send Host; only plain HTTP/1.0 tools omit it, and they are not the attack.
  if (header === undefined) return true;
  const name = hostName(header);
  const local = (req.socket.localAddress ?? "").toLowerCase();
  const localName = local.startsWith("::ffff:") ? local.slice(7) : local;
  if (name === local || name === localName) return true;
  if (LOOPBACK_ADDRESSES.has(local) && (name === "localhost" || name === "127.0.0.1" || name === "::1")) return true;
  return allowed.some((host) => host.toLowerCase() === name);
}

/**
 * Whether the body is declared as JSON: a browser page can send text/plain or form bodies anywhere
 * without a CORS preflight, but not JSON.
 * @param req - The request.
 * @returns True for `application/json` (any parameters) and `application/*+json`.
 * @example
 * isJson(req); // true for Content-Type: application/json; charset=utf-8
 */
export function isJson(req: IncomingMessage): boolean {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Whether a failure is the client's own disconnect rather than the server's fault.
 * @param req - The request.
 * @param error - What reading or answering it threw.
 * @returns True when the client went away.
 * @example
 * if (isClientAbort(req, error)) log("the client closed the connection");
 */
export function isClientAbort(req: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Not `req.destroyed`: a request stream destroys itself once its body has been read.
  return (
    req.socket.destroyed ||
    code === "ECONNRESET" ||
    code === "ECONNABORTED" ||
    code === "ERR_STREAM_PREMATURE_CLOSE" ||
    (error instanceof Error && error.message === "aborted")
  );
}

/**
 * A message as one log line: whitespace runs collapsed, at most 500 characters.
 * @param text - Any message.
 * @returns The line.
 * @example
 * oneLine("a\n  b"); // "a b"
 */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}
