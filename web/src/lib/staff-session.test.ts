import { describe, expect, it, vi } from "vitest";
import { ApiError, NetworkError } from "./api-client";
import { refreshDelayMs, RETRY_REFRESH_MS, StaffSession, type Me, type SessionDeps } from "./staff-session";

const ME: Me = { id: "u1", email: "manager@example.com", admin: false, roles: { TheHungryUnicorn: "manager" } };

/** A session with a clock and timers of its own, and an API whose tokens are numbered. */
function harness(expiresIn = 900) {
  let now = 0;
  let issued = 0;
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const revoked = new Set<string>();
  const tokens = () => {
    issued += 1;
    return { access_token: `access-${issued}`, expires_in: expiresIn, refresh_token: `refresh-${issued}` };
  };
  const deps: SessionDeps = {
    logIn: vi.fn(async (_email: string, password: string) => {
      if (password !== "right") throw new ApiError(401, "invalid_credentials", "");
      return tokens();
    }),
    refresh: vi.fn(async (refreshToken: string) => {
      if (revoked.has(refreshToken)) throw new ApiError(401, "invalid_refresh_token", "");
      revoked.add(refreshToken); // single use
      return tokens();
    }),
    logOut: vi.fn(async (refreshToken: string) => {
      revoked.add(refreshToken);
    }),
    me: vi.fn(async () => ME),
    now: () => now,
    schedule: (callback, delayMs) => {
      const timer = { at: now + delayMs, callback, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  const session = new StaffSession(deps);
  /** Let time pass, running the timers that fall due. */
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.callback();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const sleep = (ms: number) => {
    now += ms;
  };
  return { session, deps, advance, sleep, revoked, pending: () => timers.filter((t) => !t.cancelled) };
}

describe("refreshDelayMs", () => {
  it("refreshes a minute before a 15-minute token expires", () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });

  it("refreshes a short-lived token half-way through, never within a second", () => {
    expect(refreshDelayMs(60)).toBe(30_000);
    expect(refreshDelayMs(30)).toBe(15_000);
    expect(refreshDelayMs(1)).toBe(1000);
  });
});

describe("StaffSession", () => {
  it("logs in, keeps the tokens in memory and says who is logged in", async () => {
    const { session } = harness();
    expect(session.getState()).toEqual({ status: "signed-out", loggedOut: false });
    await expect(session.logIn("manager@example.com", "right")).resolves.toEqual(ME);
    expect(session.getState()).toEqual({ status: "active", me: ME });
    await expect(session.accessToken()).resolves.toBe("access-1");
  });

  it("a wrong password leaves it signed out, with the API's refusal", async () => {
    const { session } = harness();
    await expect(session.logIn("manager@example.com", "wrong")).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(session.getState().status).toBe("signed-out");
  });

  it("refreshes silently a minute before the access token expires, with the new refresh token each time", async () => {
    const { session, deps, advance } = harness();
    await session.logIn("manager@example.com", "right");
    await advance(839_000);
    expect(deps.refresh).not.toHaveBeenCalled();
    await advance(1000);
    expect(deps.refresh).toHaveBeenCalledWith("refresh-1");
    await expect(session.accessToken()).resolves.toBe("access-2");
    await advance(840_000);
    expect(deps.refresh).toHaveBeenLastCalledWith("refresh-2");
    expect(session.getState().status).toBe("active");
  });

  it("refreshes before a call when the timer was late (a sleeping tab)", async () => {
    const { session, deps, sleep } = harness();
    await session.logIn("manager@example.com", "right");
    sleep(841_000); // the clock moved on, the timer did not fire
    await expect(session.authorized(async (token) => token)).resolves.toBe("access-2");
    expect(deps.refresh).toHaveBeenCalledTimes(1);
  });

  it("one refresh for calls that find the token due at once: a refresh token is used once only", async () => {
    const { session, deps, sleep } = harness();
    await session.logIn("manager@example.com", "right");
    sleep(841_000);
    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.refresh()]);
    expect(tokens).toEqual(["access-2", "access-2", "access-2"]);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
  });

  it("on a 401 refreshes once and sends again with the new token", async () => {
    const { session, deps } = harness();
    await session.logIn("manager@example.com", "right");
    const send = vi.fn(async (token: string) => {
      if (token === "access-1") throw new ApiError(401, "authentication_required", "");
      return `sent with ${token}`;
    });
    await expect(session.authorized(send)).resolves.toBe("sent with access-2");
    expect(send).toHaveBeenCalledTimes(2);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
  });

  it("a second 401 ends the session", async () => {
    const { session } = harness();
    await session.logIn("manager@example.com", "right");
    const send = vi.fn(async () => {
      throw new ApiError(401, "authentication_required", "");
    });
    await expect(session.authorized(send)).rejects.toMatchObject({ code: "session_expired" });
    expect(send).toHaveBeenCalledTimes(2);
    expect(session.getState()).toEqual({ status: "expired", me: ME });
  });

  it("a refresh the API refuses (revoked elsewhere) ends the session; calls then fail without a request", async () => {
    const { session, revoked, advance } = harness();
    await session.logIn("manager@example.com", "right");
    revoked.add("refresh-1"); // logged out in another tab
    await advance(840_000);
    expect(session.getState()).toEqual({ status: "expired", me: ME });
    const send = vi.fn(async () => "sent");
    await expect(session.authorized(send)).rejects.toMatchObject({ status: 401, code: "session_expired" });
    expect(send).not.toHaveBeenCalled();
  });

  it("a refresh that cannot reach the API keeps the session and tries again later", async () => {
    const { session, deps, advance } = harness();
    await session.logIn("manager@example.com", "right");
    vi.mocked(deps.refresh).mockRejectedValueOnce(new NetworkError("offline"));
    await advance(840_000);
    expect(session.getState().status).toBe("active");
    await advance(RETRY_REFRESH_MS);
    expect(deps.refresh).toHaveBeenCalledTimes(2);
    await expect(session.accessToken()).resolves.toBe("access-2");
  });

  it("logging in again after the session ended picks up where it was", async () => {
    const { session, revoked, advance } = harness();
    await session.logIn("manager@example.com", "right");
    revoked.add("refresh-1");
    await advance(840_000);
    await session.logIn("manager@example.com", "right");
    expect(session.getState()).toEqual({ status: "active", me: ME });
    await expect(session.accessToken()).resolves.toBe("access-2");
  });

  it("logging out revokes the refresh token, forgets both and stops refreshing", async () => {
    const { session, deps, pending } = harness();
    await session.logIn("manager@example.com", "right");
    await session.logOut();
    expect(deps.logOut).toHaveBeenCalledWith("refresh-1");
    expect(session.getState()).toEqual({ status: "signed-out", loggedOut: true });
    expect(pending()).toEqual([]);
    await expect(session.accessToken()).rejects.toMatchObject({ code: "session_expired" });
  });

  it("tells its listeners when the state changes", async () => {
    const { session } = harness();
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    await session.logIn("manager@example.com", "right");
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await session.logOut();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
