/** A lab's resource calendar: a resource's week (free, busy, closed), a range picked from it or typed,
 * reserved once or weekly with a report of the dates not booked, or waited for; and the resource's
 * waitlist, whose entries can be removed. `?resource=&week=`. */
import { useState, type FormEvent } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { Button } from "../../../components/Button";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useResourceHours, useResources, useResourceWeek } from "../../../features/resource-calendar/api/resource-calendar";
import { pickFrom, weekFrom, weekText, type LocalInterval } from "../../../features/resource-calendar/calendar";
import { ReserveForm, type Picked } from "../../../features/resource-calendar/components/ReserveForm";
import { WaitlistPanel } from "../../../features/resource-calendar/components/WaitlistPanel";
import { WeekGrid } from "../../../features/resource-calendar/components/WeekGrid";
import { errorSentence } from "../../../lib/error-messages";
import { addDays, formatClock, venueDate, zoneAbbreviation } from "../../../lib/time";
import { staffPath, useStaffVenue } from "./context";

export function CalendarPage() {
  const { venue } = useStaffVenue();
  // A lab's page (another venue switched to from here goes on to its own first page).
  if (venue.kind !== "lab") return <Navigate to={staffPath(venue.slug)} replace />;
  return <ResourceCalendar />;
}

function ResourceCalendar() {
  const { venue } = useStaffVenue();
  const [params, setParams] = useSearchParams();
  const today = venueDate(new Date(), venue.timezone);
  const monday = weekFrom(params.get("week"), today);
  const sunday = addDays(monday, 6);
  const resources = useResources(venue.slug);
  const asked = Number(params.get("resource"));
  const list = resources.data ?? [];
  const resource = list.find((each) => each.id === asked) ?? list[0] ?? null;
  const week = useResourceWeek(venue.slug, resource?.id ?? null, monday, sunday);
  const hours = useResourceHours(venue.slug, resource?.id ?? null);
  const [choice, setChoice] = useState<string>("");
  const [picked, setPicked] = useState<Picked | null>(null);

  const go = (next: { resource?: number; week?: string }) =>
    setParams({ resource: String(next.resource ?? resource?.id ?? ""), week: next.week ?? monday });
  const weekLink = (to: string) => `?${new URLSearchParams({ resource: String(resource?.id ?? ""), week: to })}`;

  const onShow = (event: FormEvent) => {
    event.preventDefault();
    if (choice) go({ resource: Number(choice) });
  };
  const onPick = (interval: LocalInterval) => {
    if (resource) setPicked({ ...pickFrom(interval, resource), key: Date.now() });
  };

  return (
    <>
      <title>{`Resource calendar${resource ? `: ${resource.name}` : ""} · ${venue.name}`}</title>
      <Heading focusOnMount>Resource calendar</Heading>
      {resources.isPending && <Loading>Loading the resources…</Loading>}
      {resources.isError && <LoadError error={resources.error} onRetry={() => resources.refetch()} />}
      {resources.data && !resource && <p>{venue.name} has nothing to reserve yet.</p>}
      {resource && (
        <>
          <form onSubmit={onShow} className="mb-4 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="calendar-resource" className="mb-1 block font-semibold text-gray-900">
                Resource
              </label>
              <select
                id="calendar-resource"
                value={choice || String(resource.id)}
                onChange={(event) => setChoice(event.target.value)}
                className="block rounded border-2 border-gray-800 bg-white px-3 py-2 text-base text-gray-900"
              >
                {list.map((each) => (
                  <option key={each.id} value={each.id}>
                    {each.name}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              Show its week
            </Button>
          </form>
          {resource.description && <p className="mb-4 text-gray-700">{resource.description}</p>}
          <section aria-labelledby="week-title" className="mb-6">
            <h2 id="week-title" className="mb-2 text-2xl font-bold text-gray-900">
              {resource.name}: {weekText(monday)}
            </h2>
            <nav aria-label="Weeks" className="mb-3 flex flex-wrap gap-x-5 gap-y-2">
              <Link to={weekLink(addDays(monday, -7))} className="font-semibold text-indigo-800 underline">
                Previous week
              </Link>
              <Link to={weekLink(weekFrom(null, today))} className="font-semibold text-indigo-800 underline">
                This week
              </Link>
              <Link to={weekLink(addDays(monday, 7))} className="font-semibold text-indigo-800 underline">
                Next week
              </Link>
            </nav>
            <p className="mb-3 text-gray-700">
              Times are the venue's ({zoneAbbreviation(new Date(`${monday}T12:00:00Z`), venue.timezone)}). Free times are within its hours; busy
              ones include the turnaround after each reservation
              {resource.buffer_minutes ? ` (${resource.buffer_minutes} minutes)` : ""}. Choose a free time to reserve part of it.
            </p>
            {week.isPending && <Loading>Loading the week…</Loading>}
            {week.isError && !week.data && <LoadError error={week.error} onRetry={() => week.refetch()} />}
            {week.data && (
              <>
                {week.isError && (
                  <p role="alert" className="mb-3 rounded border-l-8 border-red-700 bg-red-50 p-4">
                    The week could not be updated just now: {errorSentence(week.error)} It will try again by itself.
                  </p>
                )}
                <WeekGrid monday={monday} free={week.data.free} busy={week.data.busy} resourceName={resource.name} hours={hours.data} onPick={onPick} />
                <p className="-mt-6 mb-6 text-sm text-gray-700">Updates by itself · last at {formatClock(week.dataUpdatedAt, venue.timezone)}</p>
              </>
            )}
          </section>
          <ReserveForm
            key={resource.id}
            venue={venue.slug}
            resource={resource}
            picked={picked}
            bookingLink={(reference) => staffPath(venue.slug, `bookings/${reference}`)}
          />
          <WaitlistPanel key={`waitlist-${resource.id}`} venue={venue.slug} resource={resource} />
        </>
      )}
    </>
  );
}
