import { Link } from "react-router";
import { Heading } from "../../components/Heading";

export function NotFoundRoute() {
  return (
    <>
      <title>Page not found · Tessera</title>
      <Heading focusOnMount>Page not found</Heading>
      <p className="mb-4">If you typed the address, check it is correct.</p>
      <p>
        <Link to="/" className="font-semibold text-indigo-800 underline">
          Book a table
        </Link>{" "}
        or{" "}
        <Link to="/bookings" className="font-semibold text-indigo-800 underline">
          manage a booking
        </Link>
        .
      </p>
    </>
  );
}
