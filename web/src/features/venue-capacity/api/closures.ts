import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";
import { getDaySlots, slotsKey, type SlotLedger } from "./slots";

export interface Closure {
  date: string;
  note: string | null;
}

export async function getClosures(call: StaffCall, venue: string, signal?: AbortSignal): Promise<Closure[]> {
  const closures: Closure[] = [];
  let cursor: number | undefined;
  do {
    const page = await call("get", "/api/v1/venues/{venue}/closures", { path: { venue }, query: { limit: 200, cursor }, signal });
    for (const item of page.items ?? []) if (item.date) closures.push({ date: item.date, note: item.note ?? null });
    cursor = page.next_cursor ? Number(page.next_cursor) : undefined;
  } while (cursor !== undefined);
  return closures.sort((a, b) => a.date.localeCompare(b.date));
}

export const closuresKey = (venue: string) => ["staff", "closures", venue] as const;

export const closuresQuery = (call: StaffCall, venue: string) =>
  queryOptions({ queryKey: closuresKey(venue), queryFn: ({ signal }) => getClosures(call, venue, signal) });

export const useClosures = (venue: string) => useQuery(closuresQuery(useStaffCall(), venue));

export interface ClosureMade {
  date: string;
  /** The day's slots that had bookings: closed to new ones, their bookings kept. */
  kept: SlotLedger[];
}

/** Close the venue on a date: its free slots go, booked ones close and keep their bookings (read back). */
export function useAddClosure(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (closure: { date: string; note?: string }): Promise<ClosureMade> => {
      await call("post", "/api/v1/venues/{venue}/closures", { path: { venue }, body: closure });
      const slots = await getDaySlots(call, venue, closure.date);
      return { date: closure.date, kept: slots.filter((slot) => slot.booked > 0) };
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: closuresKey(venue) });
      void client.invalidateQueries({ queryKey: slotsKey(venue) });
    },
  });
}

/** Reopen a closed date: its slots come back from the opening rules. */
export function useRemoveClosure(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => call("delete", "/api/v1/venues/{venue}/closures/{day}", { path: { venue, day: date } }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: closuresKey(venue) });
      void client.invalidateQueries({ queryKey: slotsKey(venue) });
    },
  });
}
