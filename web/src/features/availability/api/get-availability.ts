import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { AvailableSlot } from "../visit-rules";

export interface AvailabilityQuery {
  venue: string;
  date: string;
  partySize: number;
}

export async function getAvailability(query: AvailabilityQuery, signal?: AbortSignal): Promise<AvailableSlot[]> {
  const day = await call("get", "/api/v1/venues/{venue}/availability", {
    path: { venue: query.venue },
    query: { date: query.date, party_size: query.partySize },
    signal,
  });
  return day.slots ?? [];
}

export const availabilityKey = (venue: string) => ["availability", venue] as const;

export const availabilityQueryOptions = (query: AvailabilityQuery) =>
  queryOptions({
    queryKey: [...availabilityKey(query.venue), query.date, query.partySize],
    queryFn: ({ signal }) => getAvailability(query, signal),
    staleTime: 15_000,
  });

export const useAvailability = (query: AvailabilityQuery, enabled = true) =>
  useQuery({ ...availabilityQueryOptions(query), enabled });
