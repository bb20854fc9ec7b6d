/** A waitlist entry opened with its e-mail's link token: seen, its offer taken or declined, or left. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

export type WaitlistEntry = components["schemas"]["WaitlistEntry"];
export type Booking = components["schemas"]["Booking"];

const entryKey = (id: string) => ["waitlist", id] as const;

export const useWaitlistEntry = (id: string, token: string) =>
  useQuery({
    queryKey: entryKey(id),
    queryFn: ({ signal }) => call("get", "/api/v1/waitlist/{entry_id}", { path: { entry_id: id }, query: { token }, signal }),
  });

/**
 * Take, decline or leave. Taking answers the booking (the same one however often it is sent); the
 * others answer the entry. A refusal because the entry changed meanwhile (`409`) fetches it again, so
 * the page says what it now is.
 */
export function useEntryAction(id: string, token: string) {
  const client = useQueryClient();
  const refreshOnConflict = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) return client.invalidateQueries({ queryKey: entryKey(id) });
  };
  const path = { entry_id: id };
  const accept = useMutation({
    mutationFn: () => call("post", "/api/v1/waitlist/{entry_id}/accept", { path, body: { token } }),
    onSuccess: () => client.invalidateQueries({ queryKey: entryKey(id) }),
    onError: refreshOnConflict,
  });
  const settle = { onSuccess: (entry: WaitlistEntry) => client.setQueryData(entryKey(id), entry), onError: refreshOnConflict };
  const decline = useMutation({ mutationFn: () => call("post", "/api/v1/waitlist/{entry_id}/decline", { path, body: { token } }), ...settle });
  const leave = useMutation({ mutationFn: () => call("post", "/api/v1/waitlist/{entry_id}/leave", { path, body: { token } }), ...settle });
  return { accept, decline, leave };
}
