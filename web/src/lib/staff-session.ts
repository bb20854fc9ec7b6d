/**
 * A member of staff's session: the access token (a JWT, short-lived) and the refresh token (single
 * use: each refresh returns the next), kept in this tab's memory only, never in storage. The
 * access token is refreshed silently a minute before it expires (half-way through a shorter one),
 * before a call when it is due (a sleeping tab's timer may be late), and once when the API refuses
 * it with a 401. A refresh the API refuses ends the session: the pages say so and offer the login
 * form where the person was. Logging out revokes the refresh token's family.
 *
 * Only the staff pages import this module, so it is part of their lazily loaded code.
 */
import { useSyncExternalStore } from "react";
import { ApiError, apiFile, call, type CallOptions, type Method, type Operation, type Success } from "./api-client";
import type { components, paths } from "./api-types";
import { isTransient } from "./error-messages";

export type Me = components["schemas"]["Staff"];
type Tokens = Pick<components["schemas"]["Tokens"], "access_token" | "expires_in" | "refresh_token">;

export type SessionState =
  | { status: "signed-out"; loggedOut: boolean }
  | { status: "active"; me: Me }
  | { status: "expired"; me: Me };

export interface SessionDeps {
  logIn(email: string, password: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Tokens>;
  logOut(refreshToken: string): Promise<void>;
  me(accessToken: string): Promise<Me>;
  now(): number;
  /** Run `callback` after `delayMs`; answers a function that cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

/** How long after it was issued an access token is refreshed: a minute before it expires, or
 * half-way through a token that lives two minutes or less; never sooner than a second. */
export function refreshDelayMs(expiresInSeconds: number): number {
  return Math.max(1000, Math.max(expiresInSeconds - 60, expiresInSeconds / 2) * 1000);
}

/** A failed scheduled refresh that may pass (network, 5xx) is tried again this much later. */
export const RETRY_REFRESH_MS = 15_000;

export const sessionEnded = () => new ApiError(401, "session_expired", "The staff session has ended.");

const isUnauthorised = (error: unknown) => error instanceof ApiError && error.status === 401;

export class StaffSession {
  private state: SessionState = { status: "signed-out", loggedOut: false };
  private tokens: { access: string; refresh: string; refreshAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  private cancelTimer: (() => void) | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly deps: SessionDeps) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = (): SessionState => this.state;

  async logIn(email: string, password: string): Promise<Me> {
    const tokens = await this.deps.logIn(email, password);
    const me = await this.deps.me(tokens.access_token);
    this.refreshing = null;
    this.keep(tokens);
    this.set({ status: "active", me });
    return me;
  }

  /** Revoke the refresh token and forget both; this tab is logged out even if the API cannot be reached. */
  async logOut(): Promise<void> {
    const refresh = this.tokens?.refresh;
    this.forget();
    this.set({ status: "signed-out", loggedOut: true });
    if (refresh) await this.deps.logOut(refresh);
  }

  /** A current access token, refreshed first when it is due. */
  async accessToken(): Promise<string> {
    if (!this.tokens) throw sessionEnded();
    if (this.deps.now() >= this.tokens.refreshAt) return this.refresh();
    return this.tokens.access;
  }

  /** One refresh at a time: a refresh token is single use, and a replayed one revokes the session. */
  refresh(): Promise<string> {
    if (!this.tokens) return Promise.reject(sessionEnded());
    if (!this.refreshing) {
      const used = this.tokens.refresh;
      const attempt = this.deps.refresh(used).then(
        (tokens) => {
          if (this.tokens?.refresh !== used) throw sessionEnded(); // logged out or in again meanwhile
          this.keep(tokens);
          return tokens.access_token;
        },
        (error: unknown) => {
          if (isTransient(error)) throw error;
          if (this.tokens?.refresh === used) this.expire();
          throw sessionEnded();
        },
      );
      this.refreshing = attempt;
      const settle = () => {
        if (this.refreshing === attempt) this.refreshing = null;
      };
      attempt.then(settle, settle);
    }
    return this.refreshing;
  }

  /** `send` with the access token; a 401 refreshes once and sends again; a second 401 ends the session. */
  async authorized<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await send(token);
    } catch (error) {
      if (!isUnauthorised(error)) throw error;
      // Refreshed meanwhile by another call? Then that token; else refresh now.
      const next = this.tokens && this.tokens.access !== token ? this.tokens.access : await this.refresh();
      try {
        return await send(next);
      } catch (again) {
        if (!isUnauthorised(again)) throw again;
        this.expire();
        throw sessionEnded();
      }
    }
  }

  /** The API client's `call`, with this session's access token. */
  call = <P extends keyof paths, M extends Method>(
    method: M,
    template: P,
    options: CallOptions<P, M> = {},
  ): Promise<Success<Operation<P, M>>> => this.authorized((token) => call(method, template, { ...options, token }));

  /** A file the API serves to staff (an invoice's PDF), with this session's access token. */
  file = (path: string, accept: string) => this.authorized((token) => apiFile(path, { token, accept }));

  private keep(tokens: Tokens) {
    this.cancelTimer?.();
    const delay = refreshDelayMs(tokens.expires_in);
    this.tokens = { access: tokens.access_token, refresh: tokens.refresh_token, refreshAt: this.deps.now() + delay };
    this.plan(delay);
  }

  private plan(delay: number) {
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = null;
      this.refresh().catch((error: unknown) => {
        if (isTransient(error) && this.tokens) this.plan(RETRY_REFRESH_MS);
      });
    }, delay);
  }

  private expire() {
    this.forget();
    if (this.state.status === "active") this.set({ status: "expired", me: this.state.me });
  }

  private forget() {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.tokens = null;
    this.refreshing = null;
  }

  private set(state: SessionState) {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export type StaffCall = StaffSession["call"];

let session: StaffSession | null = null;

/** This tab's session, talking to the API. */
export function staffSession(): StaffSession {
  session ??= new StaffSession({
    logIn: (email, password) => call("post", "/api/v1/auth/login", { body: { email, password } }),
    refresh: (refreshToken) => call("post", "/api/v1/auth/refresh", { body: { refresh_token: refreshToken } }),
    logOut: async (refreshToken) => {
      await call("post", "/api/v1/auth/logout", { body: { refresh_token: refreshToken } });
    },
    me: (token) => call("get", "/api/v1/auth/me", { token }),
    now: () => Date.now(),
    schedule: (callback, delayMs) => {
      const timer = setTimeout(callback, delayMs);
      return () => clearTimeout(timer);
    },
  });
  return session;
}

export function useStaffSession(): SessionState {
  const current = staffSession();
  return useSyncExternalStore(current.subscribe, current.getState);
}

/** Fetching a file as staff: authorised, refreshed, and ended as the session is. */
export function useStaffFile(): StaffSession["file"] {
  return staffSession().file;
}

/** The API client's `call` for staff pages: authorised, refreshed, and ended as the session is. */
export function useStaffCall(): StaffCall {
  return staffSession().call;
}
