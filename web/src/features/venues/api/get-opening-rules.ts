import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { OpeningRule } from "../opening-hours";

export async function getOpeningRules(slug: string, signal?: AbortSignal): Promise<OpeningRule[]> {
  const page = await call("get", "/api/v1/venues/{venue}/opening-rules", { path: { venue: slug }, signal });
  return page.items ?? [];
}

export const openingRulesQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: ["venues", slug, "opening-rules"],
    queryFn: ({ signal }) => getOpeningRules(slug, signal),
    staleTime: 5 * 60_000,
  });

export const useOpeningRules = (slug: string) => useQuery(openingRulesQueryOptions(slug));
