/** The day's times as radio buttons with what is left; full or unbookable ones shown but disabled. */
import { FieldError } from "./Field";

export interface SlotOption {
  time: string;
  remaining: number;
  bookable: boolean;
}

interface Props {
  name: string;
  slots: SlotOption[];
  value: string | null;
  onChange: (time: string) => void;
  legend: string;
  error?: string;
  /** A time to mark as the booking's current one (when moving a booking). */
  currentTime?: string | null;
}

function availabilityText(slot: SlotOption): string {
  if (slot.bookable) return slot.remaining === 1 ? "1 place left" : `${slot.remaining} places left`;
  return slot.remaining === 0 ? "Full" : "Not available";
}

export function SlotPicker({ name, slots, value, onChange, legend, error, currentTime }: Props) {
  const errorId = `${name}-error`;
  return (
    <fieldset
      id={name}
      aria-describedby={error ? errorId : undefined}
      className={`mb-5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}
    >
      <legend className="mb-2 text-lg font-semibold text-gray-900">{legend}</legend>
      {error && <FieldError id={errorId} message={error} />}
      {slots.length === 0 ? (
        <p className="text-gray-900">There are no tables on this day. Please choose another date.</p>
      ) : (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {slots.map((slot, index) => {
            const id = `${name}-${index}`;
            const checked = value === slot.time;
            return (
              <li key={slot.time}>
                <input
                  id={id}
                  type="radio"
                  name={name}
                  value={slot.time}
                  checked={checked}
                  disabled={!slot.bookable}
                  onChange={() => onChange(slot.time)}
                  className="peer sr-only"
                />
                <label
                  htmlFor={id}
                  className={`block rounded border-2 px-3 py-2 text-center peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700 ${
                    slot.bookable
                      ? checked
                        ? "cursor-pointer border-indigo-800 bg-indigo-800 text-white"
                        : "cursor-pointer border-gray-700 bg-white text-gray-900 hover:bg-indigo-50"
                      : "cursor-not-allowed border-dashed border-gray-500 bg-gray-100 text-gray-700"
                  }`}
                >
                  <span className="block text-lg font-bold">{slot.time}</span>
                  <span className="block text-sm">
                    {availabilityText(slot)}
                    {currentTime === slot.time ? " · your booking" : ""}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
