import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { components } from "../../../lib/api-types";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";

export type SlotLedger = components["schemas"]["Slot"];
export type SlotChange = components["schemas"]["SlotUpdate"];

/** Every slot of one venue-local day, with its capacity and the covers booked (all pages). */
export async function getDaySlots(call: StaffCall, venue: string, date: string, signal?: AbortSignal): Promise<SlotLedger[]> {
  const slots: SlotLedger[] = [];
  let cursor: string | undefined;
  do {
    const page = await call("get", "/api/v1/venues/{venue}/slots", {
      path: { venue },
      query: { from: date, to: date, limit: 200, cursor },
      signal,
    });
    slots.push(...(page.items ?? []));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return slots;
}

export const slotsKey = (venue: string) => ["staff", "slots", venue] as const;

/** How often a page that shows the day as it happens asks again (paused while the tab is hidden). */
export const LIVE_INTERVAL_MS = 3000;

export const daySlotsQuery = (call: StaffCall, venue: string, date: string, live = false) =>
  queryOptions({
    queryKey: [...slotsKey(venue), date],
    queryFn: ({ signal }) => getDaySlots(call, venue, date, signal),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    refetchIntervalInBackground: false,
  });

export function useDaySlots(venue: string, date: string, { live = false, enabled = true } = {}) {
  return useQuery({ ...daySlotsQuery(useStaffCall(), venue, date, live), enabled });
}

/** Open, close or resize one slot: only what changes is sent. */
export function useChangeSlot(venue: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ date, time, change }: { date: string; time: string; change: SlotChange }) =>
      call("patch", "/api/v1/venues/{venue}/slots/{day}/{at}", { path: { venue, day: date, at: time }, body: change }),
    onSuccess: (slot) => {
      client.setQueryData<SlotLedger[]>([...slotsKey(venue), slot.date], (slots) =>
        slots?.map((each) => (each.time === slot.time ? slot : each)),
      );
    },
  });
}
