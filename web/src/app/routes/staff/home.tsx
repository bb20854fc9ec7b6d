/** `/staff`: on to the day sheet of the person's venue (an admin's: the demo venue, or the first). */
import { Navigate, useOutletContext } from "react-router";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useVenues } from "../../../features/staff-session/api/venues";
import type { Me } from "../../../lib/staff-session";
import { HOME_VENUE } from "../../config";
import { staffPath } from "./context";

export function StaffHome() {
  const { me } = useOutletContext<{ me: Me }>();
  const venues = useVenues();
  const own = Object.keys(me.roles).sort();
  if (!me.admin) {
    if (own[0]) return <Navigate to={staffPath(own[0])} replace />;
    return (
      <>
        <title>No venue yet · Tessera staff</title>
        <Heading focusOnMount>No venue yet</Heading>
        <p>Your account does not work at a venue yet. Ask the venue's owner or manager to add you.</p>
      </>
    );
  }
  if (venues.isPending) return <Loading>Loading the venues…</Loading>;
  if (venues.isError) {
    return (
      <>
        <title>Venues · Tessera staff</title>
        <Heading focusOnMount>Venues</Heading>
        <LoadError error={venues.error} onRetry={() => venues.refetch()} />
      </>
    );
  }
  const first = venues.data.find((venue) => venue.slug === HOME_VENUE) ?? venues.data[0];
  if (!first) {
    return (
      <>
        <title>No venues · Tessera staff</title>
        <Heading focusOnMount>No venues yet</Heading>
        <p>There are no venues to work on yet.</p>
      </>
    );
  }
  return <Navigate to={staffPath(first.slug)} replace />;
}
