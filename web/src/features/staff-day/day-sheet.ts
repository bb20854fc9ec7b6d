/**
 * The day sheet's shape: each slot of the day with the bookings that sit in it, the bookings that
 * sit in no slot any more (a slot withdrawn by a closure or a rule change), stays arriving (a room
 * by the night, not a table: never in a slot or the covers), and the cancelled ones apart. Covers
 * booked are the ledger's (what the venue holds), not a sum made here.
 */

export interface SheetSlot {
  time: string;
  capacity: number;
  booked: number;
  remaining: number;
  is_open: boolean;
}

export interface SheetBooking {
  reference: string;
  kind?: string;
  status: string;
  time: string;
  party_size: number;
  created_at?: string;
  customer?: { first_name?: string | null; surname?: string | null } | null;
}

export interface SheetGroup<S, B> {
  slot: S;
  bookings: B[];
}

export interface DaySheet<S, B> {
  groups: SheetGroup<S, B>[];
  /** Bookings at a time with no slot on the ledger. */
  elsewhere: B[];
  /** Stays arriving on the day: nights in a room, which hold no table at their nominal noon. */
  stays: B[];
  /** Cancelled and expired: no longer in the venue's covers. */
  released: B[];
  totals: { bookings: number; covers: number };
}

/** A booking that no longer holds its covers. */
export const RELEASED = new Set(["cancelled", "expired"]);

/** Still to come first, then those whose outcome is known; each in the order they were made. */
const ORDER: Record<string, number> = { confirmed: 0, pending: 1, completed: 2, no_show: 3 };

function byStatusThenMade(a: SheetBooking, b: SheetBooking): number {
  return (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || (a.created_at ?? "").localeCompare(b.created_at ?? "");
}

const byTime = (a: { time: string }, b: { time: string }) => a.time.localeCompare(b.time);

export function groupDay<S extends SheetSlot, B extends SheetBooking>(slots: S[], bookings: B[]): DaySheet<S, B> {
  const held = bookings.filter((booking) => !RELEASED.has(booking.status));
  const tables = held.filter((booking) => booking.kind !== "stay");
  const bySlot = new Map<string, B[]>(slots.map((slot) => [slot.time, []]));
  const elsewhere: B[] = [];
  for (const booking of tables) (bySlot.get(booking.time) ?? elsewhere).push(booking);
  return {
    groups: [...slots].sort(byTime).map((slot) => ({ slot, bookings: bySlot.get(slot.time)!.sort(byStatusThenMade) })),
    elsewhere: elsewhere.sort((a, b) => byTime(a, b) || byStatusThenMade(a, b)),
    stays: held.filter((booking) => booking.kind === "stay").sort(byStatusThenMade),
    released: bookings.filter((booking) => RELEASED.has(booking.status)).sort(byTime),
    totals: { bookings: tables.length, covers: tables.reduce((sum, booking) => sum + booking.party_size, 0) },
  };
}

/** "7 of 20 covers booked, 13 left", "Closed, 3 covers booked", "Full: 20 of 20 covers booked". */
export function coversText(slot: SheetSlot): string {
  const covers = (n: number) => (n === 1 ? "1 cover" : `${n} covers`);
  if (!slot.is_open) return slot.booked ? `Closed to new bookings, ${covers(slot.booked)} booked` : "Closed";
  if (slot.remaining <= 0) return `Full: ${slot.booked} of ${covers(slot.capacity)} booked`;
  return `${slot.booked} of ${covers(slot.capacity)} booked, ${slot.remaining} left`;
}

/** How the sheet names a guest: "Ada Lovelace", "Ada", or the booking's channel when no name was given. */
export function guestName(booking: SheetBooking & { channel?: string }): string {
  const name = [booking.customer?.first_name, booking.customer?.surname].filter(Boolean).join(" ").trim();
  if (name) return name;
  return booking.channel === "walk_in" ? "Walk-in (no name)" : "No name given";
}
