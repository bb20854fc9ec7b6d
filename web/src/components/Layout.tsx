import type { ReactNode } from "react";
import { Link, Outlet, ScrollRestoration } from "react-router";

const NAV_LINK = "text-white underline underline-offset-4";

/** The customer pages' frame. `bookLink` replaces the header's "Book a table" (the app names it for the venue on screen). */
export function Layout({ bookLink }: { bookLink?: (className: string) => ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-white text-gray-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-amber-300 focus:p-3 focus:text-gray-900"
      >
        Skip to main content
      </a>
      <header className="bg-indigo-900 text-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link to="/" className="text-xl font-bold text-white no-underline">
            Tessera
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4">
              <li>
                {bookLink ? (
                  bookLink(NAV_LINK)
                ) : (
                  <Link to="/" className={NAV_LINK}>
                    Book a table
                  </Link>
                )}
              </li>
              <li>
                <Link to="/bookings" className={NAV_LINK}>
                  Manage a booking
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
      <footer className="border-t border-gray-300 bg-gray-50">
        <p className="mx-auto max-w-3xl px-4 py-4 text-sm text-gray-700">Tessera bookings</p>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
