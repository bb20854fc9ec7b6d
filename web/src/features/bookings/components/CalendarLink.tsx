import { useEffect, useMemo } from "react";
import { bookingCalendar, type CalendarVisit } from "../calendar";

/** Downloads the booking as an .ics file, made here from the booking (nothing is fetched). */
export function CalendarLink({ visit }: { visit: CalendarVisit }) {
  const href = useMemo(
    () => URL.createObjectURL(new Blob([bookingCalendar(visit)], { type: "text/calendar;charset=utf-8" })),
    [visit],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <a
      href={href}
      download={`booking-${visit.reference}.ics`}
      className="inline-flex min-h-11 items-center rounded border-2 border-gray-700 bg-white px-5 py-2 font-semibold text-gray-900 underline hover:bg-gray-100"
    >
      Add to calendar (.ics)
    </a>
  );
}
