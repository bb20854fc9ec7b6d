import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

export type AppointmentSearch = components["schemas"]["AppointmentSearch"];
export type AppointmentSlot = components["schemas"]["AppointmentSlot"];

/**
 * An appointment being moved: its times are the booking's own (`GET /bookings/{reference}/appointment-times`),
 * where its own holds count as free, so its own time and the times overlapping it are offered (docs/appointments.md,
 * "Moving an appointment"). Asked by whoever may see the booking: the customer with the signed link's `token` or
 * their `email`, or staff with their session's `call`.
 */
export interface MovingBooking {
  reference: string;
  access?: { token: string } | { email: string };
  call?: typeof call;
}

export interface AppointmentQuery {
  venue: string;
  service: string;
  date: string;
  /** A staff member's id, or null for anyone who performs the service. */
  staff: number | null;
  /** Times for moving this booking, rather than the public search's. */
  moving?: MovingBooking;
}

/** The day's start times of a service when the staff member (or anyone who performs it) and what it needs are free. */
export async function searchAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<AppointmentSearch> {
  const staff = query.staff ?? undefined;
  const found = query.moving
    ? await (query.moving.call ?? call)("get", "/api/v1/bookings/{reference}/appointment-times", {
        path: { reference: query.moving.reference },
        query: { ...query.moving.access, date: query.date, staff },
        signal,
      })
    : await call("get", "/api/v1/venues/{venue}/appointments/availability", {
        path: { venue: query.venue },
        query: { service: query.service, date: query.date, staff },
        signal,
      });
  return { ...found, slots: found.slots ?? [] };
}

/** Every appointment search of a venue, a move's included: a booking made or moved there refreshes them all. */
export const appointmentSearchKey = (venue: string) => ["appointments", venue] as const;

export const appointmentSearchQueryOptions = (query: AppointmentQuery) =>
  queryOptions({
    queryKey: [
      ...appointmentSearchKey(query.venue),
      query.service,
      query.date,
      query.staff ?? "any",
      ...(query.moving ? ["moving", query.moving.reference.toUpperCase()] : []),
    ],
    queryFn: ({ signal }) => searchAppointments(query, signal),
    staleTime: 15_000,
  });

export const useAppointmentSearch = (query: AppointmentQuery, enabled = true) =>
  useQuery({ ...appointmentSearchQueryOptions(query), enabled });
