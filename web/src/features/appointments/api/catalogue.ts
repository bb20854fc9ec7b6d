import { queryOptions, useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";

export type Service = components["schemas"]["Service"];
export type StaffMember = components["schemas"]["StaffMember"];

/** Every service the venue offers (all pages: a clinic's list is short). */
export async function getServices(venue: string, signal?: AbortSignal): Promise<Service[]> {
  const services: Service[] = [];
  let cursor: number | undefined;
  do {
    const page = await call("get", "/api/v1/venues/{venue}/services", { path: { venue }, query: { cursor, limit: 100 }, signal });
    services.push(...(page.items ?? []));
    cursor = page.next_cursor ? Number(page.next_cursor) : undefined;
  } while (cursor !== undefined);
  return services.filter((service) => service.active);
}

/** The venue's staff, with what the public list says of them ("General practitioner"). */
export async function getStaff(venue: string, signal?: AbortSignal): Promise<StaffMember[]> {
  const staff: StaffMember[] = [];
  let cursor: number | undefined;
  do {
    const page = await call("get", "/api/v1/venues/{venue}/staff", { path: { venue }, query: { cursor, limit: 100 }, signal });
    staff.push(...(page.items ?? []));
    cursor = page.next_cursor ? Number(page.next_cursor) : undefined;
  } while (cursor !== undefined);
  return staff;
}

export const servicesQueryOptions = (venue: string) =>
  queryOptions({ queryKey: ["services", venue], queryFn: ({ signal }) => getServices(venue, signal), staleTime: 5 * 60_000 });

export const staffQueryOptions = (venue: string) =>
  queryOptions({ queryKey: ["staff-members", venue], queryFn: ({ signal }) => getStaff(venue, signal), staleTime: 5 * 60_000 });

export const useServices = (venue: string) => useQuery(servicesQueryOptions(venue));
export const useStaffMembers = (venue: string) => useQuery(staffQueryOptions(venue));
