/**
 * The header's first link, named for what the venue on screen sells: "Book a stay" on a hotel's page
 * (to that hotel's search), "Book an appointment" on a clinic's or salon's (to its services), "Book a
 * table" everywhere else (to the home venue, as before).
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useMatch } from "react-router";
import { venueQueryOptions } from "../features/venues/api/get-venue";
import { takesAppointments } from "../lib/appointments";
import { HOME_VENUE } from "./config";

export function BookLink({ className }: { className: string }) {
  const onVenuePage = useMatch("/venues/:slug");
  const onHome = useMatch("/");
  const slug = onVenuePage?.params.slug ?? (onHome ? HOME_VENUE : undefined);
  // The page asks for the same venue: this reads it from the same cache entry, no second request.
  const venue = useQuery({ ...venueQueryOptions(slug ?? ""), enabled: slug !== undefined });
  if (slug !== undefined && venue.isPending) {
    // Not "Book a table" for a moment on a hotel's page: the link keeps its place until the venue is known.
    return (
      <span aria-hidden="true" className={`invisible ${className}`}>
        Book a table
      </span>
    );
  }
  if (slug !== undefined && venue.data?.kind === "hotel") {
    return (
      <Link to={`/venues/${encodeURIComponent(slug)}`} className={className}>
        Book a stay
      </Link>
    );
  }
  if (slug !== undefined && venue.data && takesAppointments(venue.data)) {
    return (
      <Link to={`/venues/${encodeURIComponent(slug)}`} className={className}>
        Book an appointment
      </Link>
    );
  }
  return (
    <Link to="/" className={className}>
      Book a table
    </Link>
  );
}
