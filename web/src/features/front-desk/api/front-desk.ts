import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requireFields } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";
import type { Housekeeping } from "../front-desk";

export type StayBooking = components["schemas"]["Booking"];
export type FrontDesk = components["schemas"]["FrontDesk"];
export type RoomBoard = components["schemas"]["RoomBoard"];
export type Folio = components["schemas"]["Folio"];
export type Invoice = components["schemas"]["Invoice"];
export type CatalogueItem = components["schemas"]["CatalogueItem"];

const FIELDS = ["reference", "kind", "status", "venue", "date", "starts_at", "party_size"] as const;
const read = (booking: StayBooking) => requireFields(booking, FIELDS);
export type DeskBooking = ReturnType<typeof read>;

/** The desk's pages show the hotel as it is now: each asks again every few seconds while the tab is visible. */
export const DESK_INTERVAL_MS = 3000;

/** Every staff query of a hotel's stays starts with this: a check-in, check-out or charge refreshes them all. */
export const staysKey = (venue: string) => ["staff", "stays", venue] as const;
const roomsKey = (venue: string) => ["staff", "rooms", venue] as const;
const boardKey = (venue: string, date: string) => [...roomsKey(venue), "board", date] as const;
const stayKey = (venue: string, reference: string) => [...staysKey(venue), "one", reference.toUpperCase()] as const;

export const frontDeskQuery = (call: StaffCall, venue: string, date: string) =>
  queryOptions({
    queryKey: [...staysKey(venue), "desk", date],
    queryFn: ({ signal }) => call("get", "/api/v1/venues/{venue}/stays/front-desk", { path: { venue }, query: { date }, signal }),
    refetchInterval: DESK_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });

export const useFrontDesk = (venue: string, date: string) => useQuery(frontDeskQuery(useStaffCall(), venue, date));

export const roomBoardQuery = (call: StaffCall, venue: string, date: string) =>
  queryOptions({
    queryKey: boardKey(venue, date),
    queryFn: ({ signal }) => call("get", "/api/v1/venues/{venue}/room-board", { path: { venue }, query: { date }, signal }),
    refetchInterval: DESK_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });

export const useRoomBoard = (venue: string, date: string, enabled = true) =>
  useQuery({ ...roomBoardQuery(useStaffCall(), venue, date), enabled });

/** The hotel's room types, for their names. */
export const useRoomTypes = (venue: string) => {
  const call = useStaffCall();
  return useQuery({
    queryKey: [...roomsKey(venue), "types"],
    queryFn: async ({ signal }) => (await call("get", "/api/v1/venues/{venue}/room-types", { path: { venue }, signal })).items,
    staleTime: 5 * 60_000,
  });
};

/** The names of a hotel's room types, by code (the code itself until they are known). */
export function useRoomTypeName(venue: string) {
  const types = useRoomTypes(venue);
  return (code: string) => types.data?.find((type) => type.code === code)?.name ?? code;
}

export const stayQuery = (call: StaffCall, venue: string, reference: string) =>
  queryOptions({
    queryKey: stayKey(venue, reference),
    queryFn: async ({ signal }) => read(await call("get", "/api/v1/bookings/{reference}", { path: { reference }, signal })),
  });

export const useStay = (venue: string, reference: string) => useQuery(stayQuery(useStaffCall(), venue, reference));

/** After a write to a stay: it as the API answered, and every desk view, the rooms and the bookings lists asked again. */
function useAfterDeskWrite(venue: string) {
  const client = useQueryClient();
  return (booking: DeskBooking) => {
    client.setQueryData(stayKey(venue, booking.reference), booking);
    void client.invalidateQueries({ queryKey: staysKey(venue), predicate: (query) => query.queryKey[3] !== "one" });
    void client.invalidateQueries({ queryKey: roomsKey(venue) });
    void client.invalidateQueries({ queryKey: ["staff", "bookings", venue] });
  };
}

/** Check a guest in: to the room named, or the best free one (the stay's own if it has one). */
export function useCheckIn(venue: string) {
  const call = useStaffCall();
  const afterWrite = useAfterDeskWrite(venue);
  return useMutation({
    mutationFn: async ({ reference, room }: { reference: string; room: string | null }) =>
      read(await call("post", "/api/v1/bookings/{reference}/check-in", { path: { reference }, body: room ? { room } : {} })),
    onSuccess: afterWrite,
  });
}

/** Check a guest out: the stay is over, its room dirty, its invoice issued. */
export function useCheckOut(venue: string) {
  const call = useStaffCall();
  const afterWrite = useAfterDeskWrite(venue);
  return useMutation({
    mutationFn: async (reference: string) =>
      read(await call("post", "/api/v1/bookings/{reference}/check-out", { path: { reference }, body: {} })),
    onSuccess: afterWrite,
  });
}

/** Housekeeping marks a room; the board shows it at once. */
export function useSetHousekeeping(venue: string, date: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ number, housekeeping }: { number: string; housekeeping: Housekeeping }) =>
      call("patch", "/api/v1/venues/{venue}/rooms/{number}", { path: { venue, number }, body: { housekeeping } }),
    onSuccess: (room) => {
      client.setQueryData<RoomBoard>(boardKey(venue, date), (board) =>
        board ? { ...board, rooms: board.rooms.map((each) => (each.number === room.number ? { ...each, housekeeping: room.housekeeping } : each)) } : board,
      );
      void client.invalidateQueries({ queryKey: roomsKey(venue) });
    },
  });
}
