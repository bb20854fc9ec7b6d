import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import { AttemptKeys } from "../../../lib/idempotency";
import { useStaffCall } from "../../../lib/staff-session";

export type Resource = components["schemas"]["Resource"];
export type ResourceCalendar = components["schemas"]["ResourceCalendar"];
export type ReservationView = components["schemas"]["ReservationView"];
export type Customer = components["schemas"]["Customer"];
export type Booking = components["schemas"]["Booking"];
export type WaitlistEntry = components["schemas"]["WaitlistEntry"];

/** Kinds that are booked some other way (a hotel's rooms, a clinic's staff), never reserved by the hour. */
const NOT_RESERVABLE = new Set(["room_type", "staff"]);

export const calendarKey = (venue: string) => ["staff", "resource-calendar", venue] as const;

export const resourcesQuery = (venue: string) =>
  queryOptions({
    queryKey: [...calendarKey(venue), "resources"],
    queryFn: async ({ signal }) => {
      const page = await call("get", "/api/v1/venues/{venue}/resources", { path: { venue }, query: { limit: 100 }, signal });
      return (page.items ?? []).filter((each) => each.active && !NOT_RESERVABLE.has(each.kind));
    },
  });

export const useResources = (venue: string) => useQuery(resourcesQuery(venue));

/** A resource's free and busy times from Monday to Sunday (the API's `to` is a whole day, included). */
export const weekQuery = (venue: string, resource: number, monday: string, sunday: string) =>
  queryOptions({
    queryKey: [...calendarKey(venue), "week", resource, monday],
    queryFn: ({ signal }) =>
      call("get", "/api/v1/venues/{venue}/resources/{resource_id}/availability", {
        path: { venue, resource_id: resource },
        query: { from: monday, to: sunday },
        signal,
      }),
  });

export const useResourceWeek = (venue: string, resource: number | null, monday: string, sunday: string) =>
  useQuery({ ...weekQuery(venue, resource ?? 0, monday, sunday), enabled: resource !== null, refetchInterval: 10_000 });

export interface ReserveRequest {
  resource: number;
  start: string;
  end: string;
  recurrence: string | null;
  mode: "all_or_nothing" | "partial";
  customer: Customer | null;
  special_requests: string | null;
}

/**
 * Reserve a range, once or as a series. Each attempt carries an Idempotency-Key, reused while the same
 * request is sent again (a double click, "try again"), so the API books it once; a changed request, or
 * the same again after a success, is a new attempt.
 */
export function useReserve(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  const keys = useRef(new AttemptKeys());
  return useMutation({
    mutationFn: (request: ReserveRequest) => {
      const body = {
        kind: "reservation" as const,
        venue,
        resource: request.resource,
        start: request.start,
        end: request.end,
        ...(request.recurrence ? { recurrence: request.recurrence, mode: request.mode } : {}),
        ...(request.customer ? { customer: request.customer } : {}),
        ...(request.special_requests ? { special_requests: request.special_requests } : {}),
      };
      return call("post", "/api/v1/bookings", { body, idempotencyKey: keys.current.keyFor(body) });
    },
    onSuccess: () => {
      keys.current.settle();
    },
    onSettled: () => client.invalidateQueries({ queryKey: calendarKey(venue) }),
  });
}

export function useJoinWaitlist(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { resource: number; start: string; end: string; customer: Customer | null }) =>
      call("post", "/api/v1/venues/{venue}/resources/{resource_id}/waitlist", {
        path: { venue, resource_id: request.resource },
        body: { start: request.start, end: request.end, ...(request.customer ? { customer: request.customer } : {}) },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: [...calendarKey(venue), "waitlist"] }),
  });
}

export const WAITLIST_PAGE = 100;

/** Who is on a resource's waitlist now (waiting, or holding an offer), in the order they joined. */
export const useResourceWaitlist = (venue: string, resource: number) => {
  const call = useStaffCall();
  return useQuery({
    queryKey: [...calendarKey(venue), "waitlist", resource],
    queryFn: ({ signal }) =>
      call("get", "/api/v1/venues/{venue}/resources/{resource_id}/waitlist", {
        path: { venue, resource_id: resource },
        query: { on_the_list: "true", limit: WAITLIST_PAGE },
        signal,
      }),
    refetchInterval: 10_000,
  });
};

/** Take someone off the waitlist: an offer they held goes to the next in line, so the week changes too. */
export function useRemoveFromWaitlist(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => call("post", "/api/v1/waitlist/{entry_id}/leave", { path: { entry_id: entryId }, body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: calendarKey(venue) }),
  });
}

/** A resource's business hours (staff): its week and the dated exceptions to come. */
export const useResourceHours = (venue: string, resource: number | null) => {
  const call = useStaffCall();
  return useQuery({
    queryKey: [...calendarKey(venue), "hours", resource],
    queryFn: ({ signal }) =>
      call("get", "/api/v1/venues/{venue}/resources/{resource_id}/hours", { path: { venue, resource_id: resource ?? 0 }, signal }),
    enabled: resource !== null,
    staleTime: 60_000,
  });
};
