/** What a venue sells, by its kind, in the words the customer pages use for it. Pure. */
import { takesAppointments } from "./appointments";

const RESERVED: Record<string, string> = { lab: "Reserve equipment", workspace: "Reserve a room" };

/** The kinds of venue whose resources are reserved by the hour, by their staff (the resource calendar). */
export const takesReservations = (venue: { kind: string }) => Object.hasOwn(RESERVED, venue.kind);

/**
 * The header's first link for the venue on screen (its page, or a booking of it): a hotel sells stays,
 * a clinic or salon appointments, a lab its equipment and a workspace its rooms by the hour; anything
 * else tables.
 */
export function bookLinkText(venue: { kind: string }): string {
  if (venue.kind === "hotel") return "Book a stay";
  if (takesAppointments(venue)) return "Book an appointment";
  return takesReservations(venue) ? RESERVED[venue.kind]! : "Book a table";
}
