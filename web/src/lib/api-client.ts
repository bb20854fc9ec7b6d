/**
 * The one way the app talks to the Tessera API: same origin, JSON, a timeout on every call, the
 * error envelope turned into an `ApiError`, and an `Idempotency-Key` on the writes that may be retried.
 */
import type { components, paths } from "./api-types";

export type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** The API answered with an error (its envelope, or a status with no envelope). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** No answer at all: offline, refused, or not within the timeout. */
export class NetworkError extends Error {
  constructor(readonly reason: "offline" | "timeout") {
    super(reason === "timeout" ? "The API did not answer in time." : "The API could not be reached.");
    this.name = "NetworkError";
  }
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
  /** A staff access token, sent as `Authorization: Bearer`. */
  token?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", query, body, idempotencyKey, token, signal, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  let text: string;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      credentials: "omit",
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error; // the caller gave up (TanStack Query cancelled it): not an error to show
    throw new NetworkError(timeout.aborted ? "timeout" : "offline");
  }

  const data = parseJson(text);
  if (!response.ok) {
    const error = toApiError(response.status, data, response.headers.get("X-Request-ID"));
    console.warn(`API ${method} ${path} answered ${error.status} ${error.code}`, { requestId: error.requestId });
    throw error;
  }
  return data as T;
}

/**
 * A file the API serves (an invoice's PDF): its bytes and the name the API gives it. Same timeout,
 * token and errors as `apiRequest`; an error answer is still the JSON envelope.
 */
export async function apiFile(
  path: string,
  options: Pick<RequestOptions, "query" | "token" | "signal" | "timeoutMs"> & { accept: string },
): Promise<{ blob: Blob; disposition: string | null }> {
  const { query, token, signal, timeoutMs = DEFAULT_TIMEOUT_MS, accept } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { Accept: `${accept}, application/json` };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  let blob: Blob;
  try {
    response = await fetch(apiUrl(path, query), {
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      credentials: "omit",
    });
    blob = await response.blob();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(timeout.aborted ? "timeout" : "offline");
  }
  if (!response.ok) {
    const error = toApiError(response.status, parseJson(await blob.text()), response.headers.get("X-Request-ID"));
    console.warn(`API GET ${path} answered ${error.status} ${error.code}`, { requestId: error.requestId });
    throw error;
  }
  return { blob, disposition: response.headers.get("Content-Disposition") };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isEnvelope(data: unknown): data is ErrorEnvelope {
  const error = (data as ErrorEnvelope | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export function toApiError(status: number, data: unknown, headerRequestId: string | null = null): ApiError {
  if (isEnvelope(data)) {
    const { code, message, details } = data.error;
    return new ApiError(status, code, message, details ?? {}, data.request_id ?? headerRequestId);
  }
  // Not our envelope (a proxy's HTML page, an empty body): keep only the status.
  return new ApiError(status, status >= 500 ? "server_error" : "http_error", `HTTP ${status}`, {}, headerRequestId);
}

/** An answer that lacks a field the app relies on is a broken API, not something to render half of. */
export function requireFields<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): T & { [P in K]-?: NonNullable<T[P]> } {
  for (const key of keys) {
    if (value[key] === undefined || value[key] === null) {
      throw new ApiError(502, "unexpected_answer", `The API's answer has no ${String(key)}.`);
    }
  }
  return value as T & { [P in K]-?: NonNullable<T[P]> };
}

// Calls named by the generated document's paths, so a path or an answer's shape that changes in
// the API breaks the type check (and `npm run build`), not the customer.

export type Method = "get" | "post" | "patch" | "delete";
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { "application/json": infer T } } ? T : never;
export type Success<O> = O extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : R extends { 204: unknown } ? undefined : never
  : never;
type Body<O> = O extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type PathParams<O> = O extends { parameters: { path: infer P } } ? P : Record<string, never>;

export interface CallOptions<P extends keyof paths, M extends Method> {
  path?: PathParams<Operation<P, M>>;
  query?: Query;
  body?: Body<Operation<P, M>>;
  idempotencyKey?: string;
  token?: string;
  signal?: AbortSignal;
}

export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

export function call<P extends keyof paths, M extends Method>(
  method: M,
  template: P,
  options: CallOptions<P, M> = {},
): Promise<Success<Operation<P, M>>> {
  const { path, ...rest } = options;
  return apiRequest(fillPath(template, path as Record<string, string> | undefined), {
    ...rest,
    method: method.toUpperCase() as RequestOptions["method"],
  });
}
