/** Check a guest in: the best free room (as the API chooses it), or one picked from the rooms of the stay's type free tonight. */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { housekeepingLabel, roomChoices, type BoardRoom } from "../front-desk";

interface Props {
  reference: string;
  guest: string;
  stay: { room_type: string; room: string | null };
  /** The room board of the day, once it is known. */
  rooms: BoardRoom[] | undefined;
  pending: boolean;
  onCheckIn: (room: string | null) => void;
}

export function CheckInControl({ reference, guest, stay, rooms, pending, onCheckIn }: Props) {
  const [room, setRoom] = useState("");
  const choices = rooms ? roomChoices(rooms, stay) : [];
  const id = `check-in-room-${reference}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCheckIn(room || null);
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="mb-1 block font-semibold text-gray-900">
          Room<span className="sr-only"> for {guest}</span>
        </label>
        <select
          id={id}
          value={room}
          onChange={(event) => setRoom(event.target.value)}
          className="block min-h-11 rounded border-2 border-gray-800 bg-white px-3 py-2 text-base text-gray-900"
        >
          <option value="">{stay.room ? `Its room, ${stay.room}` : "Best free room"}</option>
          {choices
            .filter((each) => each.number !== stay.room)
            .map((each) => (
              <option key={each.number} value={each.number}>
                {each.number} ({housekeepingLabel(each.housekeeping).toLowerCase()})
              </option>
            ))}
        </select>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking in…" : "Check in"}
        <span className="sr-only"> {guest}</span>
      </Button>
    </form>
  );
}
