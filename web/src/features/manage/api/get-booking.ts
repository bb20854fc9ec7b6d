import { queryOptions, useQuery } from "@tanstack/react-query";
import { call, requireFields } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

/** How a customer proves the booking is theirs: the signed link's token, or the e-mail it was made with. */
export type BookingAccess = { token: string } | { email: string };

export const MANAGED_FIELDS = ["id", "reference", "status", "venue", "date", "time", "starts_at", "ends_at", "party_size"] as const;

export function readBooking(booking: components["schemas"]["Booking"]) {
  return requireFields(booking, MANAGED_FIELDS);
}

export type ManagedBooking = ReturnType<typeof readBooking>;

export async function getBooking(reference: string, access: BookingAccess, signal?: AbortSignal) {
  return readBooking(await call("get", "/api/v1/bookings/{reference}", { path: { reference }, query: access, signal }));
}

export const bookingKey = (reference: string, access: BookingAccess) =>
  ["bookings", reference.toUpperCase(), access] as const;

export const bookingQueryOptions = (reference: string, access: BookingAccess) =>
  queryOptions({
    queryKey: bookingKey(reference, access),
    queryFn: ({ signal }) => getBooking(reference, access, signal),
  });

export const useBooking = (reference: string, access: BookingAccess | null) =>
  useQuery({ ...bookingQueryOptions(reference, access ?? { email: "" }), enabled: access !== null });
