import { useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

export type VenueListing = Pick<components["schemas"]["Venue"], "slug" | "name">;

/** Every venue (the list is public); the switcher offers the ones the person works at, or all to an admin. */
export async function getVenues(signal?: AbortSignal): Promise<VenueListing[]> {
  const venues: VenueListing[] = [];
  let cursor: number | undefined;
  do {
    const page = await call("get", "/api/v1/venues", { query: { limit: 200, cursor }, signal });
    venues.push(...(page.items ?? []).map(({ slug, name }) => ({ slug, name })));
    cursor = page.next_cursor ? Number(page.next_cursor) : undefined;
  } while (cursor !== undefined);
  return venues;
}

export const useVenues = () => useQuery({ queryKey: ["staff", "venues"], queryFn: ({ signal }) => getVenues(signal), staleTime: 60_000 });
