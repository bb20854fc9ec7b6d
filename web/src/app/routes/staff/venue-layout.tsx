/** `/staff/{venue}/...`: the venue's details for its pages, and only a venue the person works at. */
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useVenue } from "../../../features/venues/api/get-venue";
import type { Me } from "../../../lib/staff-session";
import { roleAt, staffPath, type StaffVenueContext } from "./context";

function NotYourVenue({ me }: { me: Me }) {
  const own = Object.keys(me.roles).sort();
  return (
    <>
      <title>Venue not found · Tessera staff</title>
      <Heading focusOnMount>Venue not found</Heading>
      <p role="alert" className="mb-4">
        We could not find that venue among the ones you work at. Check the address of the page, or choose one of your venues.
      </p>
      {own.length > 0 && (
        <ul className="list-disc pl-6">
          {own.map((slug) => (
            <li key={slug}>
              <Link to={staffPath(slug)} className="font-semibold text-indigo-800 underline">
                Day sheet of {slug}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function VenueLayout() {
  const { me } = useOutletContext<{ me: Me }>();
  const { venue: slug = "" } = useParams();
  const role = roleAt(me, slug);
  const venue = useVenue(slug);
  if (!role) return <NotYourVenue me={me} />;
  if (venue.isPending) return <Loading>Loading the venue…</Loading>;
  if (venue.isError) {
    return (
      <>
        <title>Venue not available · Tessera staff</title>
        <Heading focusOnMount>Venue not available</Heading>
        <LoadError error={venue.error} onRetry={() => venue.refetch()} />
      </>
    );
  }
  const context: StaffVenueContext = { me, venue: venue.data, role, mayChangeVenue: role !== "staff" };
  return <Outlet context={context} />;
}
