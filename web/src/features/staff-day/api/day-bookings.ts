import { queryOptions, useQuery } from "@tanstack/react-query";
import type { components } from "../../../lib/api-types";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";

export type StaffBooking = components["schemas"]["Booking"];

/** Every booking of the venue on one day, whatever its status (all pages). */
export async function getDayBookings(call: StaffCall, venue: string, date: string, signal?: AbortSignal) {
  const bookings: StaffBooking[] = [];
  let cursor: string | undefined;
  do {
    const page = await call("get", "/api/v1/bookings", {
      query: { venue, from: date, to: date, limit: 200, cursor },
      signal,
    });
    bookings.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return bookings;
}

/** Asked again every few seconds while the page is visible, so a booking made elsewhere appears by itself. */
export const DAY_SHEET_INTERVAL_MS = 3000;

export const dayBookingsQuery = (call: StaffCall, venue: string, date: string) =>
  queryOptions({
    queryKey: ["staff", "bookings", venue, "day", date],
    queryFn: ({ signal }) => getDayBookings(call, venue, date, signal),
    refetchInterval: DAY_SHEET_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });

export const useDayBookings = (venue: string, date: string) => useQuery(dayBookingsQuery(useStaffCall(), venue, date));
