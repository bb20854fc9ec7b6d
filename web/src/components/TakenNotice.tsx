/** A time taken while the guest was booking: say so, and offer the nearest free times that day. */
import { Button } from "./Button";
import { Heading } from "./Heading";
import type { SlotOption } from "./SlotPicker";

interface Props {
  time: string;
  day: string;
  alternatives: SlotOption[];
  loading: boolean;
  onPick: (time: string) => void;
  keptWhat: string;
  /** Why it went: "Someone else booked the last place while you were booking." unless told. */
  why?: string;
}

export function TakenNotice({ time, day, alternatives, loading, onPick, keptWhat, why = "Someone else booked the last place while you were booking." }: Props) {
  return (
    <section aria-labelledby="taken-title" className="mb-6 rounded border-l-8 border-amber-500 bg-amber-50 p-4 text-gray-900">
      <Heading level={2} id="taken-title" focusOnMount>
        Sorry, {time} on {day} was taken meanwhile
      </Heading>
      <p className="mb-3">
        {why} {keptWhat}
      </p>
      {loading ? (
        <p role="status">Finding the nearest free times…</p>
      ) : alternatives.length > 0 ? (
        <>
          <p className="mb-2 font-semibold">The nearest free times that day:</p>
          <ul className="flex flex-wrap gap-2">
            {alternatives.map((slot) => (
              <li key={slot.time}>
                <Button variant="secondary" onClick={() => onPick(slot.time)}>
                  Choose {slot.time}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>There are no other free times that day. Please choose another date below.</p>
      )}
    </section>
  );
}
