import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import type { StaySearch } from "../stay-rules";

export type StayOffers = components["schemas"]["StaySearch"];
export type RoomTypeOffer = components["schemas"]["RoomTypeOffer"];
export type RatePlanOffer = components["schemas"]["RatePlanOffer"];

/** Every room type that sleeps the guests, with what it has left and its price on each rate plan. */
export async function searchStays(venue: string, search: StaySearch, signal?: AbortSignal): Promise<StayOffers> {
  const found = await call("get", "/api/v1/venues/{venue}/stays/availability", {
    path: { venue },
    query: { arrival: search.arrival, departure: search.departure, guests: search.guests },
    signal,
  });
  return { ...found, room_types: found.room_types ?? [] };
}

export const staySearchKey = (venue: string) => ["stays", venue] as const;

export const staySearchQueryOptions = (venue: string, search: StaySearch) =>
  queryOptions({
    queryKey: [...staySearchKey(venue), search.arrival, search.departure, search.guests],
    queryFn: ({ signal }) => searchStays(venue, search, signal),
    staleTime: 15_000,
  });

export const useStaySearch = (venue: string, search: StaySearch, enabled = true) =>
  useQuery({ ...staySearchQueryOptions(venue, search), enabled });
