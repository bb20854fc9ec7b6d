import { formatLongDate, venueDate } from "../../../lib/time";
import { Loading, LoadError } from "../../../components/Status";
import { useOpeningRules } from "../api/get-opening-rules";
import type { Venue } from "../api/get-venue";
import { datedHours, weeklyHours } from "../opening-hours";

function OpeningHours({ venue }: { venue: Venue }) {
  const rules = useOpeningRules(venue.slug);
  if (rules.isPending) return <Loading>Loading opening hours…</Loading>;
  if (rules.isError) return <LoadError error={rules.error} onRetry={() => rules.refetch()} />;
  const special = datedHours(rules.data, venueDate(new Date(), venue.timezone));
  return (
    <>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        {weeklyHours(rules.data).map(({ day, periods }) => (
          <div key={day} className="contents">
            <dt className="font-semibold">{day}</dt>
            <dd>{periods.length ? periods.join(", ") : "Closed"}</dd>
          </div>
        ))}
      </dl>
      {special.length > 0 && (
        <>
          <h3 className="mt-3 font-semibold">Special dates</h3>
          <ul>
            {special.map(({ date, periods }) => (
              <li key={date}>
                {formatLongDate(date)}: {periods.join(", ")}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function VenueDetails({ venue }: { venue: Venue }) {
  return (
    <div className="mb-8 grid gap-6 sm:grid-cols-2">
      <section aria-labelledby="venue-address">
        <h2 id="venue-address" className="mb-2 text-xl font-bold">
          Address
        </h2>
        <p>{venue.address || "Ask the venue for directions."}</p>
      </section>
      <section aria-labelledby="venue-hours">
        <h2 id="venue-hours" className="mb-2 text-xl font-bold">
          Booking times
        </h2>
        <p className="mb-2 text-gray-700">First and last arrival times, in the venue's local time.</p>
        <OpeningHours venue={venue} />
      </section>
    </div>
  );
}
