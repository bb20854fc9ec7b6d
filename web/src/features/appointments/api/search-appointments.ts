import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

export type AppointmentSearch = components["schemas"]["AppointmentSearch"];
export type AppointmentSlot = components["schemas"]["AppointmentSlot"];

export interface AppointmentQuery {
  venue: string;
  service: string;
  date: string;
  /** A staff member's id, or null for anyone who performs the service. */
  staff: number | null;
}

/** The day's start times of a service when the staff member (or anyone who performs it) and what it needs are free. */
export async function searchAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<AppointmentSearch> {
  const found = await call("get", "/api/v1/venues/{venue}/appointments/availability", {
    path: { venue: query.venue },
    query: { service: query.service, date: query.date, staff: query.staff ?? undefined },
    signal,
  });
  return { ...found, slots: found.slots ?? [] };
}

export const appointmentSearchKey = (venue: string) => ["appointments", venue] as const;

export const appointmentSearchQueryOptions = (query: AppointmentQuery) =>
  queryOptions({
    queryKey: [...appointmentSearchKey(query.venue), query.service, query.date, query.staff ?? "any"],
    queryFn: ({ signal }) => searchAppointments(query, signal),
    staleTime: 15_000,
  });

export const useAppointmentSearch = (query: AppointmentQuery, enabled = true) =>
  useQuery({ ...appointmentSearchQueryOptions(query), enabled });
