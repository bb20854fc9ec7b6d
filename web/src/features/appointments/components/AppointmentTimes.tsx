/**
 * A day's start times as radio buttons, under morning, afternoon and evening, each with the time it
 * ends. Only times someone is free at are offered (the search answers no others); a class's times
 * say how many places are left, a full one shown but not pickable.
 */
import { FieldError } from "../../../components/Field";
import { formatVenueTime } from "../../../lib/time";
import type { AppointmentSlot } from "../api/search-appointments";
import { isBookable, partsOfDay, placesLeftText } from "../appointment-rules";

interface Props {
  name: string;
  legend: string;
  slots: AppointmentSlot[];
  timezone: string;
  value: string | null;
  onChange: (time: string) => void;
  error?: string;
  /** Said when the day has no time: who has none, and what to do. */
  none: string;
}

export function AppointmentTimes({ name, legend, slots, timezone, value, onChange, error, none }: Props) {
  const errorId = `${name}-error`;
  return (
    <fieldset id={name} aria-describedby={error ? errorId : undefined} className={`mb-5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
      <legend className="mb-2 text-lg font-semibold text-gray-900">{legend}</legend>
      {error && <FieldError id={errorId} message={error} />}
      {slots.length === 0 ? (
        <p className="text-gray-900">{none}</p>
      ) : (
        partsOfDay(slots).map((part) => (
          <div key={part.name} className="mb-3">
            <p id={`${name}-${part.name}`} className="mb-1 font-semibold text-gray-700">
              {part.name}
            </p>
            <ul aria-labelledby={`${name}-${part.name}`} className="grid grid-cols-3 gap-2 sm:grid-cols-6">
              {part.slots.map((slot) => {
                const id = `${name}-${slot.time.replace(":", "")}`;
                const checked = value === slot.time;
                const places = placesLeftText(slot);
                const full = !isBookable(slot);
                return (
                  <li key={slot.time}>
                    <input
                      id={id}
                      type="radio"
                      name={name}
                      value={slot.time}
                      checked={checked}
                      disabled={full}
                      onChange={() => onChange(slot.time)}
                      className="peer sr-only"
                    />
                    <label
                      htmlFor={id}
                      className={`block rounded border-2 px-2 py-1.5 text-center peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700 ${
                        full
                          ? "cursor-not-allowed border-dashed border-gray-500 bg-gray-100 text-gray-700"
                          : checked
                            ? "cursor-pointer border-indigo-800 bg-indigo-800 text-white"
                            : "cursor-pointer border-gray-700 bg-white text-gray-900 hover:bg-indigo-50"
                      }`}
                    >
                      <span className="block text-lg font-bold">{slot.time}</span>
                      <span className="block text-sm">to {formatVenueTime(slot.ends_at, timezone)}</span>
                      {places && <span className="block text-sm font-semibold">{places}</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </fieldset>
  );
}
