/**
 * Which venue the customer page on screen is about, for the header: a venue's page says so in its
 * address; a booking's confirmation and its own page say so with `useShowVenue`, so the header's link
 * follows the booking's venue ("Book an appointment" on a clinic's booking), not "Book a table".
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

const VenueOnScreen = createContext<{ slug: string | null; show: (slug: string | null) => void }>({ slug: null, show: () => {} });

export function VenueOnScreenProvider({ children }: { children: ReactNode }) {
  const [slug, show] = useState<string | null>(null);
  return <VenueOnScreen.Provider value={{ slug, show }}>{children}</VenueOnScreen.Provider>;
}

/** The page on screen is about this venue (while it is mounted). */
export function useShowVenue(slug: string | undefined) {
  const { show } = useContext(VenueOnScreen);
  useEffect(() => {
    if (!slug) return;
    show(slug);
    return () => show(null);
  }, [slug, show]);
}

export const useVenueOnScreen = () => useContext(VenueOnScreen).slug;
