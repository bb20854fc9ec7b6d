/** A resource's week: each day's free times (each a button that fills in the form) and busy times, the rest closed. */
import { formatLongDate } from "../../../lib/time";
import { byDay, hoursText, rangeText, weekDays, type Hours, type LocalInterval } from "../calendar";

interface Props {
  monday: string;
  free: LocalInterval[];
  busy: LocalInterval[];
  resourceName: string;
  /** Its business hours, once they are in (the week shows without them). */
  hours?: Hours;
  onPick: (interval: LocalInterval) => void;
}

export function WeekGrid({ monday, free, busy, resourceName, hours, onPick }: Props) {
  const days = weekDays(monday);
  const freeByDay = byDay(free, days);
  const busyByDay = byDay(busy, days);
  return (
    <ol aria-label={`${resourceName}, day by day`} className="mb-8 grid grid-cols-1 gap-2 md:grid-cols-4 lg:grid-cols-7">
      {days.map((day) => {
        const [weekday, date, month] = formatLongDate(day).split(" ");
        const times = [
          ...freeByDay[day]!.map((interval) => ({ ...interval, free: true })),
          ...busyByDay[day]!.map((interval) => ({ ...interval, free: false })),
        ].sort((a, b) => a.start.localeCompare(b.start));
        return (
          <li key={day} className="rounded border-2 border-gray-300 bg-white p-2" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`} className="mb-2 font-bold text-gray-900">
              {weekday} <span className="inline-block">{date} {month}</span>
            </h3>
            {hours && <p className="mb-2 text-sm text-gray-700">Hours: {hoursText(hours, day)}</p>}
            {times.length === 0 ? (
              // Closed is said by the hours; a day open but with nothing to offer (passed, too far ahead) says so.
              hours && hoursText(hours, day).startsWith("Closed") ? null : <p className="text-gray-700">{hours ? "Nothing free" : "Nothing free or busy"}</p>
            ) : (
              <ul className="space-y-2">
                {times.map((interval) =>
                  interval.free ? (
                    <li key={`f${interval.start}`}>
                      <button
                        type="button"
                        onClick={() => onPick(interval)}
                        aria-label={`Free ${weekday} ${date} ${month}, ${rangeText(interval, day)}: choose`}
                        className="block w-full rounded border-2 border-green-800 bg-green-50 px-2 py-1 text-left text-gray-900 hover:bg-green-100"
                      >
                        <span className="block text-sm font-semibold text-green-900">Free</span>
                        <span className="block">{rangeText(interval, day)}</span>
                      </button>
                    </li>
                  ) : (
                    <li key={`b${interval.start}`} className="rounded border-2 border-dashed border-gray-600 bg-gray-100 px-2 py-1 text-gray-900">
                      <span className="block text-sm font-semibold">Busy</span>
                      <span className="block">{rangeText(interval, day)}</span>
                    </li>
                  ),
                )}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
