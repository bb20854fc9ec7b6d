import { Link } from "react-router";
import { Heading } from "../../components/Heading";

/** A page that threw while rendering: a sentence and a way back, never the error itself. */
export function RouteError() {
  return (
    <main className="mx-auto max-w-3xl p-6 text-gray-900">
      <title>Something went wrong · Tessera</title>
      <Heading focusOnMount>Sorry, something went wrong</Heading>
      <p className="mb-4">This page stopped working. Nothing you booked has been lost.</p>
      <Link to="/" className="font-semibold text-indigo-800 underline">
        Start again
      </Link>
    </main>
  );
}
