/** Every room by floor: its type, what it is tonight, and its housekeeping status, changed with a press. */
import { byFloor, HOUSEKEEPING, housekeepingLabel, nightLabel, type BoardRoom, type Housekeeping } from "../front-desk";

interface Props {
  rooms: BoardRoom[];
  roomTypeName: (code: string) => string;
  /** The room being changed, if any. */
  changing: string | null;
  onHousekeeping: (room: string, status: Housekeeping) => void;
}

const NIGHT_STYLES: Record<string, string> = {
  Taken: "border-indigo-800 bg-indigo-50",
  Free: "border-gray-400 bg-white",
  "Out of order": "border-red-800 bg-red-50",
  "Out of service": "border-red-800 bg-red-50",
};

export function RoomBoard({ rooms, roomTypeName, changing, onHousekeeping }: Props) {
  if (rooms.length === 0) return <p className="mb-6">The hotel has no rooms yet.</p>;
  return (
    <>
      {byFloor(rooms).map(({ floor, rooms: onFloor }) => {
        const id = `floor-${floor ?? "none"}`;
        return (
          <section key={id} aria-labelledby={id} className="mb-8">
            <h2 id={id} className="mb-3 text-2xl font-bold text-gray-900">
              {floor === null ? "No floor given" : `Floor ${floor}`}
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {onFloor.map((room) => {
                const tonight = nightLabel(room);
                return (
                  <li key={room.number} className={`rounded border-2 p-3 ${NIGHT_STYLES[tonight] ?? NIGHT_STYLES.Free}`}>
                    <h3 className="text-xl font-bold text-gray-900">Room {room.number}</h3>
                    <p className="text-gray-900">{roomTypeName(room.room_type)}</p>
                    <p className="mb-2 text-gray-900">
                      <span className="font-semibold">Tonight:</span> {tonight} ·{" "}
                      <span className="font-semibold">Housekeeping:</span> {housekeepingLabel(room.housekeeping)}
                    </p>
                    <div role="group" aria-label={`Housekeeping, room ${room.number}`} className="flex flex-wrap gap-2">
                      {HOUSEKEEPING.map((status) => {
                        const current = room.housekeeping === status;
                        return (
                          <button
                            key={status}
                            type="button"
                            aria-pressed={current}
                            // Not disabled while a change is sent: a disabled button would lose the keyboard's focus.
                            onClick={() => !current && changing !== room.number && onHousekeeping(room.number, status)}
                            className={`min-h-10 rounded border-2 px-3 py-1 font-semibold ${
                              current ? "border-gray-900 bg-gray-900 text-white" : "border-gray-700 bg-white text-gray-900 hover:bg-gray-100"
                            }`}
                          >
                            {housekeepingLabel(status)}
                          </button>
                        );
                      })}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
