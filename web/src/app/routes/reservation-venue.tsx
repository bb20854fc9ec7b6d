/**
 * A lab's or workspace's page: its equipment and rooms are reserved by its staff (the resource
 * calendar), so a customer sees where it is and how to reach a reservation they have; not a table's times.
 */
import { Link } from "react-router";
import { Heading } from "../../components/Heading";
import type { Venue } from "../../features/venues/api/get-venue";
import { bookLinkText } from "../../lib/venue-kinds";

export function ReservationVenue({ venue }: { venue: Venue }) {
  return (
    <>
      <title>{`${bookLinkText(venue)} · ${venue.name}`}</title>
      <Heading focusOnMount>{venue.name}</Heading>
      <h2 className="mb-2 text-xl font-bold">Address</h2>
      <p className="mb-6">{venue.address || "Ask the venue for directions."}</p>
      <h2 className="mb-2 text-xl font-bold">{bookLinkText(venue)}</h2>
      <p className="mb-2">Reservations at {venue.name} are made by its staff: ask them for the time you need.</p>
      <p>
        Already have one? Use the link in its e-mail, or{" "}
        <Link to="/bookings" className="font-semibold text-indigo-800 underline">
          find your booking
        </Link>{" "}
        with its reference and your e-mail address.
      </p>
    </>
  );
}
