/** The room board of a hotel: every room with what it is on a night and its housekeeping status, which housekeeping
 * changes here; it keeps itself up to date while it is on screen. */
import { useState } from "react";
import { Navigate } from "react-router";
import { DateNav } from "../../../components/DateNav";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useRoomBoard, useRoomTypeName, useSetHousekeeping } from "../../../features/front-desk/api/front-desk";
import { RoomBoard } from "../../../features/front-desk/components/RoomBoard";
import { boardSummary, housekeepingLabel, type Housekeeping } from "../../../features/front-desk/front-desk";
import { errorSentence } from "../../../lib/error-messages";
import { formatClock, formatLongDate } from "../../../lib/time";
import { staffPath, useChosenDate, useStaffVenue } from "./context";

export function RoomBoardPage() {
  const { venue } = useStaffVenue();
  if (venue.kind !== "hotel") return <Navigate to={staffPath(venue.slug)} replace />;
  return <Rooms />;
}

function Rooms() {
  const { venue } = useStaffVenue();
  const [date, setDate] = useChosenDate(venue.timezone);
  const board = useRoomBoard(venue.slug, date);
  const roomTypeName = useRoomTypeName(venue.slug);
  const change = useSetHousekeeping(venue.slug, date);
  const [said, setSaid] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ sentence: string; key: number } | null>(null);

  const mark = (room: string, housekeeping: Housekeeping) => {
    setFailure(null);
    setSaid(null);
    change.mutate(
      { number: room, housekeeping },
      {
        onSuccess: () => setSaid(`Room ${room} is now ${housekeepingLabel(housekeeping).toLowerCase()}.`),
        onError: (error) => setFailure({ sentence: errorSentence(error), key: Date.now() }),
      },
    );
  };

  return (
    <>
      <title>{`Room board, ${formatLongDate(date)} · ${venue.name}`}</title>
      <Heading focusOnMount>Room board</Heading>
      <p className="mb-4 text-lg">
        {venue.name} · the night of <strong>{formatLongDate(date)}</strong>
      </p>
      <DateNav id="board-date" date={date} onChange={setDate} label="Night" />
      {failure && <ErrorSummary id="board-error-summary" description={failure.sentence} focusKey={failure.key} />}
      {!board.data && !board.error && <Loading>Loading the rooms…</Loading>}
      {!board.data && board.error && <LoadError error={board.error} onRetry={() => board.refetch()} />}
      {board.data && (
        <>
          <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2 rounded bg-gray-100 p-4">
            <p className="text-xl font-bold">{boardSummary(board.data.rooms)}</p>
            <p className="text-gray-700">Updates by itself every few seconds · last at {formatClock(board.dataUpdatedAt, venue.timezone)}</p>
          </div>
          {/* What the last press did, announced; focus stays on the button pressed. */}
          <p role="status" className="mb-4 min-h-6 font-semibold text-gray-900">
            {said}
          </p>
          {board.error && (
            <p role="alert" className="mb-6 rounded border-l-8 border-red-700 bg-red-50 p-4">
              The room board could not be updated just now: {errorSentence(board.error)} It will try again by itself.
            </p>
          )}
          <RoomBoard
            rooms={board.data.rooms}
            roomTypeName={roomTypeName}
            changing={change.isPending ? (change.variables?.number ?? null) : null}
            onHousekeeping={mark}
          />
        </>
      )}
    </>
  );
}
