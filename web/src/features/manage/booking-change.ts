import type { BookingChange } from "./api/change-booking";

interface Booked {
  date: string;
  time: string;
  party_size: number;
}

/** A move sends only what changes (`PATCH` keeps the rest); nothing when nothing changes. */
export function bookingChange(booking: Booked, visit: { date: string; time: string | null; partySize: number }): BookingChange {
  const change: BookingChange = {};
  if (visit.date !== booking.date) change.date = visit.date;
  if (visit.time && visit.time !== booking.time) change.time = visit.time;
  if (visit.partySize !== booking.party_size) change.party_size = visit.partySize;
  return change;
}

interface Stayed {
  arrival: string;
  departure: string;
  guests: number;
}

/** A stay's change sends only the dates or guests that change (the room type and rate stay as they are). */
export function stayChange(stay: Stayed, next: Stayed): BookingChange {
  const change: BookingChange = {};
  if (next.arrival !== stay.arrival) change.arrival = next.arrival;
  if (next.departure !== stay.departure) change.departure = next.departure;
  if (next.guests !== stay.guests) change.guests = next.guests;
  return change;
}
