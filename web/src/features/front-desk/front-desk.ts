/**
 * The front desk's day and the hotel's rooms as the desk runs them: who arrives and what can be
 * done about it, who is in house, who leaves; which rooms a stay may be given; what the room board
 * says at a glance; what a charge may be. Pure: the pages show what these say.
 */

export interface DeskStay {
  reference: string;
  status: string;
  created_at?: string;
  customer?: { first_name?: string | null; surname?: string | null } | null;
  stay?: unknown;
}

interface StayFacts {
  room_type: string;
  arrival: string;
  departure: string;
  room: string | null;
}

const factsOf = (booking: DeskStay) => booking.stay as StayFacts;

export interface DeskDay<B> {
  /** Arriving on the day: still to check in first, then those already in. */
  arrivals: B[];
  /** Checked in now, whatever day they came. */
  inHouse: B[];
  /** Leaving on the day: still in first, then any who never checked in. */
  departures: B[];
  counts: { toArrive: number; inHouse: number; toLeave: number };
}

function byName(a: DeskStay, b: DeskStay): number {
  return guestName(a).localeCompare(guestName(b)) || a.reference.localeCompare(b.reference);
}

const first = (status: string) => (a: DeskStay, b: DeskStay) => Number(b.status === status) - Number(a.status === status) || byName(a, b);

/** The API's day (`arrivals`, `in_house`, `departures`), in the order the desk works through it. */
export function deskDay<B extends DeskStay>(day: { arrivals: B[]; in_house: B[]; departures: B[] }): DeskDay<B> {
  return {
    arrivals: [...day.arrivals].sort(first("confirmed")),
    inHouse: [...day.in_house].sort((a, b) => factsOf(a).departure.localeCompare(factsOf(b).departure) || byName(a, b)),
    departures: [...day.departures].sort(first("checked_in")),
    counts: {
      toArrive: day.arrivals.filter((booking) => booking.status === "confirmed").length,
      inHouse: day.in_house.length,
      toLeave: day.departures.filter((booking) => booking.status === "checked_in").length,
    },
  };
}

/** "3 to arrive, 5 in house, 2 to leave". */
export function deskCountsText(counts: DeskDay<unknown>["counts"]): string {
  return `${counts.toArrive} to arrive, ${counts.inHouse} in house, ${counts.toLeave} to leave`;
}

export type DeskAction = { kind: "check-in" } | { kind: "check-in-later"; from: string } | { kind: "check-out" } | { kind: "none" };

/**
 * What the desk may do to a stay on `today` (the hotel's): check in from the arrival date until the
 * departure (the API's rule), check out a guest in house.
 */
export function deskAction(booking: DeskStay, today: string): DeskAction {
  const stay = factsOf(booking);
  if (booking.status === "checked_in") return { kind: "check-out" };
  if (booking.status !== "confirmed") return { kind: "none" };
  if (today < stay.arrival) return { kind: "check-in-later", from: stay.arrival };
  if (today >= stay.departure) return { kind: "none" };
  return { kind: "check-in" };
}

/** How the desk names a guest: "Ines Sousa", or the reference when no name was given. */
export function guestName(booking: DeskStay): string {
  const name = [booking.customer?.first_name, booking.customer?.surname].filter(Boolean).join(" ").trim();
  return name || `Guest ${booking.reference}`;
}

// Rooms

export interface BoardRoom {
  number: string;
  floor: number | null;
  room_type: string;
  housekeeping: string;
  in_service: boolean;
  night: string;
}

export const HOUSEKEEPING = ["dirty", "clean", "inspected"] as const;
export type Housekeeping = (typeof HOUSEKEEPING)[number];

export const HOUSEKEEPING_LABELS: Record<string, string> = { dirty: "Dirty", clean: "Clean", inspected: "Inspected" };
export const housekeepingLabel = (status: string) => HOUSEKEEPING_LABELS[status] ?? "Not known";

/** What a room is on the night, in words. */
export function nightLabel(room: BoardRoom): string {
  if (!room.in_service) return "Out of service";
  if (room.night === "assigned") return "Taken";
  if (room.night === "out_of_order") return "Out of order";
  return "Free";
}

/** The order the API chooses the best free room in: inspected, then clean, then dirty, then by number. */
const PREFERENCE: Record<string, number> = { inspected: 0, clean: 1, dirty: 2 };
const byPreference = (a: BoardRoom, b: BoardRoom) =>
  (PREFERENCE[a.housekeeping] ?? 3) - (PREFERENCE[b.housekeeping] ?? 3) || a.number.localeCompare(b.number, "en", { numeric: true });

/**
 * The rooms a stay may be checked in to, best first: its type's rooms in service and free on the
 * board's night, and the room it already has. (A room free tonight may be taken on a later night:
 * the API decides, and says so.)
 */
export function roomChoices(rooms: BoardRoom[], stay: Pick<StayFacts, "room_type" | "room">): BoardRoom[] {
  return rooms
    .filter((room) => room.room_type === stay.room_type && room.in_service)
    .filter((room) => room.night === "free" || room.number === stay.room)
    .sort(byPreference);
}

/** Rooms by floor, floors in order (rooms with no floor last), rooms by number. */
export function byFloor(rooms: BoardRoom[]): { floor: number | null; rooms: BoardRoom[] }[] {
  const floors = new Map<number | null, BoardRoom[]>();
  for (const room of rooms) floors.set(room.floor, [...(floors.get(room.floor) ?? []), room]);
  return [...floors.entries()]
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([floor, list]) => ({ floor, rooms: list.sort((a, b) => a.number.localeCompare(b.number, "en", { numeric: true })) }));
}

/** "12 rooms: 3 taken, 8 free, 1 out of order · 2 to clean". */
export function boardSummary(rooms: BoardRoom[]): string {
  const count = (label: string) => rooms.filter((room) => nightLabel(room) === label).length;
  const out = count("Out of order") + count("Out of service");
  const dirty = rooms.filter((room) => room.housekeeping === "dirty").length;
  const total = rooms.length === 1 ? "1 room" : `${rooms.length} rooms`;
  return `${total}: ${count("Taken")} taken, ${count("Free")} free, ${out} out of order · ${dirty} to clean`;
}

// Charges

export interface CatalogueEntry {
  code: string;
  name: string;
  stock: number | null;
  active: boolean;
}

export const MAX_QUANTITY = 100;

/** "12 left", "Out of stock", or nothing for what is not counted (a dinner, a late check-out). */
export function stockText(item: Pick<CatalogueEntry, "stock">): string | null {
  if (item.stock === null) return null;
  return item.stock <= 0 ? "Out of stock" : `${item.stock} left`;
}

export type ChargeField = "item" | "quantity";

/** A charge the API would take: an item on sale and in stock, 1 to 100 of it, no more than are left. */
export function chargeProblems(
  charge: { item: string; quantity: string },
  catalogue: CatalogueEntry[],
): Partial<Record<ChargeField, string>> {
  const problems: Partial<Record<ChargeField, string>> = {};
  const item = catalogue.find((each) => each.code === charge.item && each.active);
  if (!item) problems.item = "Choose an item";
  else if (item.stock !== null && item.stock <= 0) problems.item = `${item.name} is out of stock: choose another item`;
  const quantity = Number(charge.quantity.trim());
  if (!/^\d+$/.test(charge.quantity.trim()) || quantity < 1 || quantity > MAX_QUANTITY) {
    problems.quantity = `Enter a quantity from 1 to ${MAX_QUANTITY}`;
  } else if (item && item.stock !== null && item.stock > 0 && quantity > item.stock) {
    problems.quantity = `Only ${item.stock} left: enter ${item.stock} or fewer`;
  }
  return problems;
}

// Invoices

/** "000001": an invoice's number as its PDF prints it. */
export const invoiceNumber = (number: number) => String(number).padStart(6, "0");

/** The file name the API gives (`Content-Disposition: attachment; filename="..."`), or `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const quoted = /filename="([^"]+)"/i.exec(disposition ?? "")?.[1];
  const plain = /filename=([^;\s]+)/i.exec(disposition ?? "")?.[1];
  const name = (quoted ?? plain ?? "").replace(/[/\\]/g, "");
  return name || fallback;
}
