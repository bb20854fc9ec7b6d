import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { requireFields } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import { AttemptKeys } from "../../../lib/idempotency";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";
import { toListQuery, type BookingFilters } from "../filters";

export type StaffBooking = components["schemas"]["Booking"];
export type BookingRequest = components["schemas"]["BookingCreate"];
export type BookingChange = components["schemas"]["BookingUpdate"];
export type Outcome = "complete" | "no-show";

const FIELDS = ["reference", "status", "venue", "date", "time", "starts_at", "party_size"] as const;
const read = (booking: StaffBooking) => requireFields(booking, FIELDS);

/** Every staff query of a venue's bookings starts with this: a write refreshes them all (list, day sheet). */
export const venueBookingsKey = (venue: string) => ["staff", "bookings", venue] as const;
export const bookingKey = (venue: string, reference: string) => [...venueBookingsKey(venue), "one", reference.toUpperCase()] as const;
const auditKey = (venue: string, reference: string) => ["staff", "audit", venue, reference.toUpperCase()] as const;

export const bookingListQuery = (call: StaffCall, venue: string, filters: BookingFilters) =>
  infiniteQueryOptions({
    queryKey: [...venueBookingsKey(venue), "list", filters],
    queryFn: ({ pageParam, signal }) => call("get", "/api/v1/bookings", { query: toListQuery(venue, filters, pageParam), signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

export const useBookingList = (venue: string, filters: BookingFilters, enabled = true) =>
  useInfiniteQuery({ ...bookingListQuery(useStaffCall(), venue, filters), enabled });

export const staffBookingQuery = (call: StaffCall, venue: string, reference: string) =>
  queryOptions({
    queryKey: bookingKey(venue, reference),
    queryFn: async ({ signal }) => read(await call("get", "/api/v1/bookings/{reference}", { path: { reference }, signal })),
  });

export const useStaffBooking = (venue: string, reference: string) => useQuery(staffBookingQuery(useStaffCall(), venue, reference));

/** After a write: the booking as the API answered it, and everything that shows it or its covers asked again. */
function useAfterWrite(venue: string) {
  const client = useQueryClient();
  return (booking: ReturnType<typeof read>) => {
    client.setQueryData(bookingKey(venue, booking.reference), booking);
    void client.invalidateQueries({ queryKey: venueBookingsKey(venue), predicate: (query) => query.queryKey[3] !== "one" });
    void client.invalidateQueries({ queryKey: ["staff", "slots", venue] });
    void client.invalidateQueries({ queryKey: auditKey(venue, booking.reference) });
  };
}

/** A walk-in or phone booking made by staff; the same request sent again reuses its Idempotency-Key. */
export function useCreateStaffBooking(venue: string) {
  const call = useStaffCall();
  const keys = useRef(new AttemptKeys());
  const afterWrite = useAfterWrite(venue);
  return useMutation({
    mutationFn: async (request: BookingRequest) =>
      read(await call("post", "/api/v1/bookings", { body: request, idempotencyKey: keys.current.keyFor(request) })),
    onSuccess: (booking) => {
      keys.current.settle();
      afterWrite(booking);
    },
  });
}

export function useMoveBooking(venue: string, reference: string) {
  const call = useStaffCall();
  const keys = useRef(new AttemptKeys());
  const afterWrite = useAfterWrite(venue);
  return useMutation({
    mutationFn: async (change: BookingChange) =>
      read(
        await call("patch", "/api/v1/bookings/{reference}", {
          path: { reference },
          body: change,
          idempotencyKey: keys.current.keyFor({ reference, change }),
        }),
      ),
    onSuccess: (booking) => {
      keys.current.settle();
      afterWrite(booking);
    },
  });
}

export function useCancelStaffBooking(venue: string, reference: string) {
  const call = useStaffCall();
  const keys = useRef(new AttemptKeys());
  const afterWrite = useAfterWrite(venue);
  return useMutation({
    mutationFn: async (reasonId: number) => {
      const body = { reason_id: reasonId };
      return read(
        await call("post", "/api/v1/bookings/{reference}/cancel", {
          path: { reference },
          body,
          idempotencyKey: keys.current.keyFor({ reference, body }),
        }),
      );
    },
    onSuccess: (booking) => {
      keys.current.settle();
      afterWrite(booking);
    },
  });
}

/** Arrived (`complete`) or `no-show`: the API takes either only once the booking has started. */
export function useRecordOutcome(venue: string, reference: string) {
  const call = useStaffCall();
  const afterWrite = useAfterWrite(venue);
  return useMutation({
    mutationFn: async (outcome: Outcome) =>
      read(await call("post", "/api/v1/bookings/{reference}/{outcome}", { path: { reference, outcome } })),
    onSuccess: afterWrite,
  });
}

export type AuditEntry = components["schemas"]["AuditEntry"];

/** The audit log is written a moment after each change: asked again every few seconds while the page shows it. */
export const AUDIT_INTERVAL_MS = 4000;

export const auditQuery = (call: StaffCall, venue: string, reference: string) =>
  queryOptions({
    queryKey: auditKey(venue, reference),
    queryFn: async ({ signal }) => {
      const entries: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await call("get", "/api/v1/audit", {
          query: { venue, entity: "booking", entity_id: reference.toUpperCase(), limit: 500, cursor },
          signal,
        });
        entries.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return entries;
    },
    refetchInterval: AUDIT_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });

export const useAudit = (venue: string, reference: string) => useQuery(auditQuery(useStaffCall(), venue, reference));

export type CancellationReason = components["schemas"]["CancellationReason"];

export const useCancellationReasons = () => {
  const call = useStaffCall();
  return useQuery({
    queryKey: ["cancellation-reasons"],
    queryFn: async ({ signal }) => (await call("get", "/api/v1/cancellation-reasons", { signal })).items,
    staleTime: Infinity,
  });
};
