/**
 * The app's pages. The customer pages are part of the main bundle (they are what most visitors
 * load); the staff area is one lazily loaded route (`routes/staff/index.tsx` holds its own routes),
 * so it adds nothing to a customer's download but that route, and so is a waitlist entry's page.
 */
import { createBrowserRouter } from "react-router";
import { Layout } from "../components/Layout";
import { BookLink } from "./book-link";
import { ConfirmationRoute } from "./routes/confirmation";
import { FindBookingRoute } from "./routes/find-booking";
import { ManageBookingRoute } from "./routes/manage-booking";
import { NotFoundRoute } from "./routes/not-found";
import { RouteError } from "./routes/route-error";
import { VenueRoute } from "./routes/venue";
import { VenueOnScreenProvider } from "./venue-on-screen";

export function makeRouter() {
  return createBrowserRouter([
    {
      element: (
        <VenueOnScreenProvider>
          <Layout bookLink={(className) => <BookLink className={className} />} />
        </VenueOnScreenProvider>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <VenueRoute /> },
        { path: "venues/:slug", element: <VenueRoute /> },
        { path: "bookings", element: <FindBookingRoute /> },
        { path: "bookings/:reference", element: <ManageBookingRoute /> },
        { path: "bookings/:reference/confirmed", element: <ConfirmationRoute /> },
        // A waitlist entry from its e-mail's link: loaded lazily, like the staff area.
        { path: "waitlist/:entryId", lazy: () => import("./routes/waitlist-entry") },
        { path: "*", element: <NotFoundRoute /> },
      ],
    },
    // The staff area: loaded only when a member of staff opens it (its own routes are inside).
    { path: "staff/*", errorElement: <RouteError />, lazy: () => import("./routes/staff") },
  ]);
}
