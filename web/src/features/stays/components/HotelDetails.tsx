import { guestsText, nightsText } from "../../../lib/stays";
import type { StayRules } from "../stay-rules";

/** "Lisbon" for Europe/Lisbon, "New York" for America/New_York. */
const zoneCity = (timezone: string) => (timezone.split("/").pop() ?? timezone).replace(/_/g, " ");

/** Where the hotel is and what it takes online. */
export function HotelDetails({ venue }: { venue: StayRules & { address?: string | null } }) {
  return (
    <div className="mb-8 grid gap-6 sm:grid-cols-2">
      <section aria-labelledby="venue-address">
        <h2 id="venue-address" className="mb-2 text-xl font-bold">
          Address
        </h2>
        <p>{venue.address || "Ask the hotel for directions."}</p>
      </section>
      <section aria-labelledby="venue-stays">
        <h2 id="venue-stays" className="mb-2 text-xl font-bold">
          Staying here
        </h2>
        <p>
          Book up to {venue.horizon_days} days ahead, for up to {nightsText(venue.max_stay_nights)}, with up to{" "}
          {guestsText(venue.max_party_size)} in a room. Dates are the hotel's, in {zoneCity(venue.timezone)}.
        </p>
      </section>
    </div>
  );
}
