import { useOutletContext, useSearchParams } from "react-router";
import type { Venue } from "../../../features/venues/api/get-venue";
import type { Me } from "../../../lib/staff-session";
import { addDays, venueDate } from "../../../lib/time";

export type StaffRole = "owner" | "manager" | "staff" | "admin";

/** What every staff page knows: who is logged in, and the venue they are working on. */
export interface StaffVenueContext {
  me: Me;
  venue: Venue;
  role: StaffRole;
  /** Owners, managers and admins change capacity and closures; staff see them. */
  mayChangeVenue: boolean;
}

export const useStaffVenue = () => useOutletContext<StaffVenueContext>();

/** The role `me` has at `venue`, or null when it is not theirs (an admin reaches every venue). */
export function roleAt(me: Me, venue: string | undefined): StaffRole | null {
  if (me.admin) return "admin";
  const role = venue ? me.roles[venue] : undefined;
  return role === "owner" || role === "manager" || role === "staff" ? role : null;
}

export const staffPath = (venue: string, page = "day") => `/staff/${encodeURIComponent(venue)}/${page}`;

/** The dates staff may book or move to: the venue's today up to its booking horizon. */
export function staffDateRange(venue: Venue) {
  const today = venueDate(new Date(), venue.timezone);
  return { first: today, last: addDays(today, venue.horizon_days) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day a page shows, from its address (`?date=`): the venue's today when none is given. */
export function useChosenDate(timezone: string) {
  const [params, setParams] = useSearchParams();
  const asked = params.get("date") ?? "";
  const date = ISO_DATE.test(asked) ? asked : venueDate(new Date(), timezone);
  return [date, (next: string) => setParams({ date: next })] as const;
}
