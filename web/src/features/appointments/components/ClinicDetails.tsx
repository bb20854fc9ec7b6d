import { minutesText } from "../../../lib/appointments";
import type { AppointmentRules } from "../appointment-rules";

/** "Berlin" for Europe/Berlin, "New York" for America/New_York. */
const zoneCity = (timezone: string) => (timezone.split("/").pop() ?? timezone).replace(/_/g, " ");

/** Where the venue is and how far ahead it takes appointments online (a service may set its own). */
export function ClinicDetails({ venue }: { venue: AppointmentRules & { address?: string | null } }) {
  return (
    <div className="mb-8 grid gap-6 sm:grid-cols-2">
      <section aria-labelledby="venue-address">
        <h2 id="venue-address" className="mb-2 text-xl font-bold">
          Address
        </h2>
        <p>{venue.address || "Ask the venue for directions."}</p>
      </section>
      <section aria-labelledby="venue-appointments">
        <h2 id="venue-appointments" className="mb-2 text-xl font-bold">
          Booking here
        </h2>
        <p>
          {venue.min_notice_minutes > 0 ? `Book at least ${minutesText(venue.min_notice_minutes)} ahead` : "Book"}, up to{" "}
          {venue.horizon_days} days ahead. Times are the venue's, in {zoneCity(venue.timezone)}.
        </p>
      </section>
    </div>
  );
}
