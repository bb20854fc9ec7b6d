/**
 * The header's first link, named for what the venue on screen sells (its page, or a booking of it):
 * "Book a stay" at a hotel (to that hotel's search), "Book an appointment" at a clinic or salon (to its
 * services), "Reserve equipment" at a lab (to its page), "Book a table" everywhere else (to the home
 * venue, as before).
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useMatch } from "react-router";
import { venueQueryOptions } from "../features/venues/api/get-venue";
import { bookLinkText } from "../lib/venue-kinds";
import { HOME_VENUE } from "./config";
import { useVenueOnScreen } from "./venue-on-screen";

const TABLE = "Book a table";

export function BookLink({ className }: { className: string }) {
  const onVenuePage = useMatch("/venues/:slug");
  const onHome = useMatch("/");
  const shown = useVenueOnScreen();
  const slug = onVenuePage?.params.slug ?? (onHome ? HOME_VENUE : (shown ?? undefined));
  // The page asks for the same venue: this reads it from the same cache entry, no second request.
  const venue = useQuery({ ...venueQueryOptions(slug ?? ""), enabled: slug !== undefined });
  if (slug !== undefined && venue.isPending) {
    // Not "Book a table" for a moment on a hotel's page: the link keeps its place until the venue is known.
    return (
      <span aria-hidden="true" className={`invisible ${className}`}>
        {TABLE}
      </span>
    );
  }
  const text = slug !== undefined && venue.data ? bookLinkText(venue.data) : TABLE;
  return (
    <Link to={text === TABLE ? "/" : `/venues/${encodeURIComponent(slug!)}`} className={className}>
      {text}
    </Link>
  );
}
