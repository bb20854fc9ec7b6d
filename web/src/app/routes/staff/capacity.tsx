/** The venue's capacity: each time of a day opened, closed or resized, and dates the venue is closed. */
import { DateNav } from "../../../components/DateNav";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useDaySlots } from "../../../features/venue-capacity/api/slots";
import { Closures } from "../../../features/venue-capacity/components/Closures";
import { SlotCapacityList } from "../../../features/venue-capacity/components/SlotCapacityList";
import { formatLongDate, venueDate, zoneAbbreviation } from "../../../lib/time";
import { staffPath, useChosenDate, useStaffVenue } from "./context";

export function CapacityPage() {
  const { venue, mayChangeVenue } = useStaffVenue();
  const [date, setDate] = useChosenDate(venue.timezone);
  const slots = useDaySlots(venue.slug, date);
  const zone = zoneAbbreviation(new Date(`${date}T12:00:00Z`), venue.timezone);

  return (
    <>
      <title>{`Capacity, ${formatLongDate(date)} · ${venue.name}`}</title>
      <Heading focusOnMount>Capacity</Heading>
      {!mayChangeVenue && (
        <p className="mb-6 rounded border-l-8 border-gray-600 bg-gray-100 p-4">
          Your role lets you see the capacity but not change it. Ask a manager or the owner of the venue.
        </p>
      )}
      <section aria-labelledby="times-title" className="mb-10">
        <h2 id="times-title" className="mb-2 text-2xl font-bold text-gray-900">
          Times on {formatLongDate(date)}
        </h2>
        <p className="mb-4 text-gray-700">Times are the venue's local time ({zone}). A capacity cannot go below the covers booked.</p>
        <DateNav id="capacity-date" date={date} onChange={setDate} />
        {slots.isPending ? (
          <Loading>Loading the day's times…</Loading>
        ) : slots.isError ? (
          <LoadError error={slots.error} onRetry={() => slots.refetch()} />
        ) : (
          <SlotCapacityList key={date} venue={venue.slug} date={date} slots={slots.data} mayChange={mayChangeVenue} />
        )}
      </section>
      <Closures
        venue={venue.slug}
        today={venueDate(new Date(), venue.timezone)}
        mayChange={mayChangeVenue}
        daySheetLink={(day) => `${staffPath(venue.slug)}?date=${day}`}
      />
    </>
  );
}
