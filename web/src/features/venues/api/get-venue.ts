import { queryOptions, useQuery } from "@tanstack/react-query";
import { call, requireFields } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

const VENUE_FIELDS = ["slug", "name", "kind", "timezone", "min_notice_minutes", "horizon_days", "max_party_size", "max_stay_nights"] as const;

export type Venue = ReturnType<typeof readVenue>;

function readVenue(venue: components["schemas"]["Venue"]) {
  return requireFields(venue, VENUE_FIELDS);
}

export async function getVenue(slug: string, signal?: AbortSignal): Promise<Venue> {
  return readVenue(await call("get", "/api/v1/venues/{venue}", { path: { venue: slug }, signal }));
}

export const venueQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: ["venues", slug],
    queryFn: ({ signal }) => getVenue(slug, signal),
    staleTime: 5 * 60_000,
  });

export const useVenue = (slug: string) => useQuery(venueQueryOptions(slug));
