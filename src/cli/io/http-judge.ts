import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RewardError } from "../../errors.js";
import type { ChatMessage } from "../../eval/judge/judge-prompts.js";
import {
  answerMessages,
  clarificationMessages,
  parseAnswerReply,
  parseClarificationReply,
  parseRefusalReply,
  refusalMessages,
} from "../../eval/judge/judge-prompts.js";
import type { Judge } from "../../eval/judge/judge-types.js";
import { createProgress } from "./progress.js";

/** Options of {@link createHttpJudge}. */
export interface HttpJudgeOptions {
  /** The server's base URL (`http://localhost:8000/v1`) or its `/chat/completions` endpoint. */
  url: string;
  /** The model name the server expects. */
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string | null;
  /** Folder of cached replies keyed by a hash of the request; `null` disables the cache. */
  cacheDir?: string | null;
  /** Requests in flight at once. @default 8 */
  concurrency?: number;
  /** Retries of a request answered 429 or 5xx (or failing to connect). @default 5 */
  maxRetries?: number;
  /** First back-off delay; doubled at each retry, `Retry-After` wins when larger. @default 500 */
  retryDelayMs?: number;
  /** Seconds one request may take. @default 120 */
  timeoutMs?: number;
  /** Where the progress bar goes (drawn only on a terminal). */
  progress?: NodeJS.WritableStream;
  /** Injected for tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** One request to send: its messages, how to read the reply, and the item it is for. */
interface Job<T> {
  label: string;
  messages: ChatMessage[];
  parse: (label: string, content: string) => T;
}

/**
 * The chat-completions endpoint of a base URL.
 * @param url - `http://host:port/v1` or the full endpoint.
 * @returns The endpoint URL.
 * @example
 * chatEndpoint("http://localhost:8000/v1"); // "http://localhost:8000/v1/chat/completions"
 */
export function chatEndpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/chat/completions") ? trimmed : `${trimmed}/chat/completions`;
}

function retryAfterMs(header: string | null): number {
  if (header === null) return 0;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 0;
}

/**
 * A judge that asks an OpenAI-compatible chat endpoint (vLLM, llama.cpp server, hosted APIs):
 * requests run `concurrency` at a time, a 429 or 5xx answer (or a refused connection) is retried
 * with exponential back-off, replies are cached on disk by a hash of the request, and a reply that
 * is not the asked-for JSON is an error naming the item. Nothing is sent unless this judge is made.
 * @param options - Endpoint, model, cache, concurrency, retries.
 * @returns The judge.
 * @example
 * const judge = createHttpJudge({ url: "http://localhost:8000/v1", model: "Qwen2.5-7B-Instruct", cacheDir: ".judge-cache" });
 */
export function createHttpJudge(options: HttpJudgeOptions): Judge {
  const endpoint = chatEndpoint(options.url);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const maxRetries = Math.max(0, options.maxRetries ?? 5);
  const baseDelay = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const cacheDir = options.cacheDir ?? null;
  let done = 0;
  const progress = options.progress === undefined ? null : createProgress(options.progress, "judge");

  const cacheKey = (messages: ChatMessage[]): string =>
    createHash("sha256")
      .update(JSON.stringify({ endpoint, model: options.model, messages }))
      .digest("hex");

  async function cached(key: string): Promise<string | null> {
    if (cacheDir === null) return null;
    try {
      const entry = JSON.parse(await readFile(join(cacheDir, `${key}.json`), "utf8")) as { content?: unknown };
      return typeof entry.content === "string" ? entry.content : null;
    } catch {
      return null;
    }
  }

  async function store(key: string, content: string): Promise<void> {
    if (cacheDir === null) return;
    await mkdir(cacheDir, { recursive: true });
    const file = join(cacheDir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ model: options.model, content }));
    await rename(temporary, file);
  }

  async function post(label: string, messages: ChatMessage[]): Promise<string> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const body = JSON.stringify({ model: options.model, messages, temperature: 0, max_tokens: 256 });
    let lastProblem = "";
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      let wait = baseDelay * 2 ** attempt;
      try {
        const response = await doFetch(endpoint, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await response.text();
        if (response.ok) {
          let content: unknown;
          try {
            content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
          } catch {
            content = undefined;
          }
          if (typeof content !== "string") {
            throw new RewardError(
              "verifier_error",
              `The judge's reply for ${label} is malformed: expected an OpenAI chat completion with choices[0].message.content, got ${JSON.stringify(text.slice(0, 200))}. Check that --judge-url points at an OpenAI-compatible /v1 endpoint.`,
            );
          }
          return content;
        }
        if (response.status !== 429 && response.status < 500) {
          throw new RewardError(
            "verifier_error",
            `The judge at ${endpoint} answered ${response.status} for ${label}: ${text.slice(0, 300)}. Check --judge-url, --judge-model and the API key (ABSTAIN_REWARD_JUDGE_API_KEY).`,
          );
        }
        lastProblem = `HTTP ${response.status}`;
        wait = Math.max(wait, retryAfterMs(response.headers.get("retry-after")));
      } catch (error) {
        if (error instanceof RewardError) throw error;
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      if (attempt < maxRetries) await sleep(wait);
    }
    throw new RewardError(
      "network_unavailable",
      `The judge at ${endpoint} failed for ${label} after ${maxRetries + 1} attempts (last: ${lastProblem}). Check that the server is running, or lower --judge-concurrency.`,
    );
  }

  async function run<T>(jobs: readonly Job<T>[]): Promise<T[]> {
    const results: T[] = new Array<T>(jobs.length);
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      // After one failure the other workers stop taking jobs: the run is over.
      while (!failed && next < jobs.length) {
        const index = next;
        next += 1;
        const job = jobs[index];
        if (job === undefined) continue;
        const key = cacheKey(job.messages);
        try {
          const hit = await cached(key);
          if (hit !== null) {
            results[index] = job.parse(job.label, hit);
          } else {
            const content = await post(job.label, job.messages);
            // Parsed before it is cached, so a malformed reply is never kept.
            results[index] = job.parse(job.label, content);
            await store(key, content);
          }
        } catch (error) {
          failed = true;
          throw error;
        }
        done += 1;
        progress?.update(done, null);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    } finally {
      progress?.done();
    }
    return results;
  }

  return {
    name: `http (${options.model} at ${endpoint})`,
    kind: "http",
    measuresClarification: true,
    judgeAnswers: (queries) =>
      run(queries.map((query) => ({ label: query.label, messages: answerMessages(query), parse: parseAnswerReply }))),
    judgeRefusals: (queries) =>
      run(queries.map((query) => ({ label: query.label, messages: refusalMessages(query), parse: parseRefusalReply }))),
    judgeClarifications: (queries) =>
      run(queries.map((query) => ({ label: query.label, messages: clarificationMessages(query), parse: parseClarificationReply }))),
  };
}
