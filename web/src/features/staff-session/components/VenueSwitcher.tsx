/** Choose the venue to work on: a select and a button (a select that navigates by itself would move a
 * keyboard user on at the first arrow key). */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import type { VenueListing } from "../api/venues";

interface Props {
  venues: VenueListing[];
  current: string;
  onSwitch: (slug: string) => void;
}

export function VenueSwitcher({ venues, current, onSwitch }: Props) {
  const [chosen, setChosen] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen !== current) onSwitch(chosen);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="venue-switch" className="mb-1 block text-sm font-semibold text-white">
          Venue
        </label>
        <select
          id="venue-switch"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          className="block max-w-[16rem] rounded border-2 border-white bg-white px-2 py-1.5 text-base text-gray-900"
        >
          {venues.map((venue) => (
            <option key={venue.slug} value={venue.slug}>
              {venue.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" className="min-h-10 px-3 py-1">
        Switch venue
      </Button>
    </form>
  );
}
