/** The staff's slot picker: the venue's own ledger (capacity, booked, open) as the picker's options. */
import type { SlotOption } from "../../components/SlotPicker";

export interface LedgerSlot {
  time: string;
  remaining: number;
  is_open: boolean;
}

export interface StaffVisit {
  date: string;
  partySize: number;
  time: string | null;
}

/** The booking being moved: its own covers are free to it in its own slot. */
export interface CurrentVisit {
  date: string;
  time: string;
  partySize: number;
}

export function staffSlotOptions(slots: LedgerSlot[], date: string, partySize: number, current?: CurrentVisit): SlotOption[] {
  return slots.map((slot) => {
    const own = current && current.date === date && current.time === slot.time ? current.partySize : 0;
    const remaining = Math.max(0, slot.remaining) + own;
    return { time: slot.time, remaining, bookable: slot.is_open && remaining >= partySize };
  });
}

/** A move sends only what changes; nothing when nothing does. */
export function visitChange(current: CurrentVisit, visit: StaffVisit) {
  const change: { date?: string; time?: string; party_size?: number } = {};
  if (visit.date !== current.date) change.date = visit.date;
  if (visit.time && (visit.time !== current.time || visit.date !== current.date)) change.time = visit.time;
  if (visit.partySize !== current.partySize) change.party_size = visit.partySize;
  return change;
}
