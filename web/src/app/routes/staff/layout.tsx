/**
 * The staff area's frame: logged out, the login form; logged in, the venue's pages with a header
 * to move between them. A session that ends (its refresh refused) shows a sentence and the login
 * form in front of the page, which stays as it was underneath: logging in again carries on there.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/Button";
import { Heading } from "../../../components/Heading";
import { useVenues } from "../../../features/staff-session/api/venues";
import { LoginForm } from "../../../features/staff-session/components/LoginForm";
import { VenueSwitcher } from "../../../features/staff-session/components/VenueSwitcher";
import { useVenue } from "../../../features/venues/api/get-venue";
import { takesAppointments } from "../../../lib/appointments";
import { errorSentence } from "../../../lib/error-messages";
import { sessionEnded, staffSession, useStaffSession, type Me } from "../../../lib/staff-session";
import { roleAt, staffPath } from "./context";

const PAGES: [string, string][] = [
  ["day", "Day sheet"],
  ["bookings", "Bookings"],
  ["bookings/new", "New booking"],
  ["capacity", "Capacity"],
];

/** A hotel's pages: its stays rather than a restaurant's times. */
const HOTEL_PAGES: [string, string][] = [
  ["front-desk", "Front desk"],
  ["rooms", "Room board"],
  ["bookings", "Bookings"],
  ["reports", "Reports"],
];

/** The venue page to open when switching: the same kind of page, not another venue's booking (a hotel's
 * page at a restaurant, or the reverse, goes on to that venue's first page). */
/** A clinic's or salon's pages: its appointments, and one booked at the desk (capacity is a restaurant's tables). */
const APPOINTMENT_PAGES: [string, string][] = [
  ["day", "Day sheet"],
  ["bookings", "Bookings"],
  ["bookings/new", "New appointment"],
];

/** A lab's pages: its resources reserved by the hour. */
const LAB_PAGES: [string, string][] = [
  ["calendar", "Resource calendar"],
  ["bookings", "Bookings"],
];

function samePageAt(pathname: string, venue: string): string {
  const page = pathname.split("/")[3] ?? "day";
  return staffPath(venue, ["day", "bookings", "capacity", "front-desk", "rooms", "reports", "calendar"].includes(page) ? page : "day");
}

function StaffNav({ me, venue }: { me: Me; venue: string }) {
  const venues = useVenues();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const mine = (venues.data ?? []).filter((each) => me.admin || each.slug in me.roles);
  const details = useVenue(venue);
  const pages = details.data
    ? details.data.kind === "hotel"
      ? HOTEL_PAGES
      : details.data.kind === "lab"
        ? LAB_PAGES
        : takesAppointments(details.data)
        ? APPOINTMENT_PAGES
        : PAGES
    : [];
  return (
    <div className="flex flex-wrap items-end justify-between gap-3 border-t border-gray-700 pt-3">
      <nav aria-label="Staff">
        <ul className="flex flex-wrap gap-x-5 gap-y-2">
          {pages.map(([page, label]) => (
            <li key={page}>
              <Link
                to={staffPath(venue, page)}
                aria-current={pathname === staffPath(venue, page) ? "page" : undefined}
                className="text-white underline underline-offset-4 aria-[current=page]:font-bold aria-[current=page]:decoration-amber-400 aria-[current=page]:decoration-4"
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {mine.length > 1 && (
        <VenueSwitcher key={venue} venues={mine} current={venue} onSwitch={(slug) => navigate(samePageAt(pathname, slug))} />
      )}
    </div>
  );
}

function LogInPage({ loggedOut, logOutProblem, onLogIn }: { loggedOut: boolean; logOutProblem: string | null; onLogIn: LogIn }) {
  return (
    <>
      <title>Staff log in · Tessera</title>
      <Heading focusOnMount>Staff log in</Heading>
      {loggedOut && (
        <div role="status" className="mb-6 rounded border-l-8 border-green-700 bg-green-50 p-4 text-gray-900">
          <p className="font-semibold">You have logged out.</p>
          {logOutProblem && <p>{logOutProblem}</p>}
        </div>
      )}
      <p className="mb-6">Log in with the e-mail address and password of your staff account.</p>
      <LoginForm onLogIn={onLogIn} />
    </>
  );
}

function SessionEnded({ email, onLogIn }: { email: string; onLogIn: LogIn }) {
  return (
    <section aria-labelledby="session-ended-title">
      <Heading id="session-ended-title" focusOnMount>
        Log in again
      </Heading>
      <p role="alert" className="mb-6 rounded border-l-8 border-amber-500 bg-amber-50 p-4 text-gray-900">
        {errorSentence(sessionEnded())} Nothing on the page has been lost.
      </p>
      <LoginForm onLogIn={onLogIn} initialEmail={email} />
    </section>
  );
}

type LogIn = (email: string, password: string) => Promise<unknown>;

export function StaffLayout() {
  const session = useStaffSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { venue } = useParams();
  const [logOutProblem, setLogOutProblem] = useState<string | null>(null);
  const previous = useRef(session.status);

  // Back from "session ended" to the page underneath: focus its heading, as on arriving at it.
  useEffect(() => {
    if (previous.current === "expired" && session.status === "active") {
      document.querySelector<HTMLElement>("#main h1")?.focus();
    }
    previous.current = session.status;
  }, [session.status]);

  const logIn: LogIn = async (email, password) => {
    const before = session.status === "expired" ? session.me : null;
    const me = await staffSession().logIn(email, password);
    setLogOutProblem(null);
    if (!before) return; // a first login: nothing of anyone's is cached (logging out removes it)
    if (before.id === me.id) {
      void client.invalidateQueries({ queryKey: ["staff"] });
    } else {
      // Someone else: nothing of the last person's stays on screen (reset, not removed: the pages
      // showing them are still mounted and ask again as the new person).
      void client.resetQueries({ queryKey: ["staff"] });
      navigate("/staff");
    }
  };

  const logOut = async () => {
    const revoking = staffSession().logOut(); // the pages go at once; the API is told meanwhile
    client.removeQueries({ queryKey: ["staff"] });
    try {
      await revoking;
      setLogOutProblem(null);
    } catch (error) {
      setLogOutProblem(
        `We could not tell Tessera to end the session everywhere: ${errorSentence(error)} Log in and out again when you are back online.`,
      );
    }
  };

  const me = session.status === "signed-out" ? null : session.me;
  const role = me ? roleAt(me, venue) : null;

  return (
    <div className="flex min-h-screen flex-col bg-white text-gray-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-amber-300 focus:p-3 focus:text-gray-900"
      >
        Skip to main content
      </a>
      <header className="bg-gray-900 text-white">
        <div className="mx-auto max-w-5xl px-4 py-3">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <Link to="/staff" className="text-xl font-bold text-white no-underline">
              Tessera <span className="font-normal">staff</span>
            </Link>
            {me && (
              <div className="flex flex-wrap items-center gap-3">
                <span className="break-all">{me.email}</span>
                <Button variant="secondary" className="min-h-10 px-3 py-1" onClick={logOut}>
                  Log out
                </Button>
              </div>
            )}
          </div>
          {session.status === "active" && venue && role && <StaffNav me={session.me} venue={venue} />}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 focus:outline-none">
        {session.status === "signed-out" && <LogInPage loggedOut={session.loggedOut} logOutProblem={logOutProblem} onLogIn={logIn} />}
        {session.status === "expired" && <SessionEnded email={session.me.email} onLogIn={logIn} />}
        {me && (
          <div hidden={session.status === "expired"}>
            <Outlet context={{ me }} />
          </div>
        )}
      </main>
      <footer className="border-t border-gray-300 bg-gray-50">
        <p className="mx-auto max-w-5xl px-4 py-4 text-sm text-gray-700">
          Tessera for staff ·{" "}
          <Link to={venue && role ? `/venues/${encodeURIComponent(venue)}` : "/"} className="text-gray-900 underline">
            {venue && role ? "the venue's page for guests" : "book a table"}
          </Link>
        </p>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
