/**
 * What a waitlist entry's page says in each of the entry's states (docs/appointments.md, "Waitlist"):
 * an open offer to take or decline, still waiting (with a way to leave), or a sentence for every way
 * it ended. Times are the venue's, never the browser's.
 */
import { formatAppointment } from "../../lib/appointments";
import { formatVisit } from "../../lib/time";

export interface EntryFacts {
  status: string;
  offer_expires_at?: string | null;
  starts_at: string;
  ends_at: string;
  timezone: string;
  booking_reference?: string | null;
  resource: { name?: string };
}

export type EntryState = "open" | "waiting" | "expired" | "booked" | "declined" | "left" | "lapsed";

/** An offer past its time is expired here even before the booking service's job has passed it on. */
export function entryState(entry: Pick<EntryFacts, "status" | "offer_expires_at">, now: Date): EntryState {
  switch (entry.status) {
    case "offered":
      return entry.offer_expires_at && new Date(entry.offer_expires_at) > now ? "open" : "expired";
    case "offer_expired":
      return "expired";
    case "waiting":
    case "booked":
    case "declined":
    case "left":
    case "lapsed":
      return entry.status;
    default:
      return "left"; // a state this page does not know yet: off the list, say nothing more
  }
}

/** "Tuesday 8 December 2026, 14:30 to 15:30 EST": the time waited for, on the venue's clock. */
export const entryWhen = (entry: EntryFacts) => formatAppointment(entry.starts_at, entry.ends_at, entry.timezone);

/** The page's heading and its sentence for the entry's state. */
export function entryText(entry: EntryFacts, state: EntryState): { heading: string; sentence: string } {
  const resource = entry.resource.name ?? "The resource";
  const until = entry.offer_expires_at ? formatVisit(entry.offer_expires_at, entry.timezone) : null;
  switch (state) {
    case "open":
      return {
        heading: `${resource} is free: it is held for you`,
        sentence: `It is held for you until ${until}. Reserve it before then, or decline it so that the next person waiting gets it at once.`,
      };
    case "waiting":
      return {
        heading: `You are on the waitlist for ${resource}`,
        sentence: "The time is still taken. If it is freed and you are first in line, we will hold it for you and e-mail you.",
      };
    case "expired":
      return {
        heading: "This offer has run out",
        sentence: `It was held for you${until ? ` until ${until}` : ""} and has gone to the next person waiting. You are no longer on the waitlist for this time.`,
      };
    case "booked":
      return {
        heading: "You took this offer",
        sentence: `It is booked${entry.booking_reference ? `: your reference is ${entry.booking_reference}` : ""}. Your confirmation e-mail has a link to see or cancel it.`,
      };
    case "declined":
      return { heading: "You declined this offer", sentence: "It has gone to the next person waiting, and you are no longer on the waitlist for this time." };
    case "left":
      return { heading: "You have left the waitlist", sentence: "You will not get an offer for this time. You can join the waitlist again at the venue." };
    case "lapsed":
      return { heading: "The time you waited for has begun", sentence: "It was not freed in time, so you are no longer on the waitlist for it." };
  }
}
