/** One booking as staff see it: its details, what can be done to it, and its history. */
import { useState } from "react";
import { Link, Navigate, useParams, useSearchParams } from "react-router";
import { BookingSummary } from "../../../components/BookingSummary";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError, Notice } from "../../../components/Status";
import { StatusBadge } from "../../../components/StatusBadge";
import { TakenNotice } from "../../../components/TakenNotice";
import {
  useMoveBooking,
  useRecordOutcome,
  useStaffBooking,
  type Outcome,
  type StaffBooking,
} from "../../../features/staff-bookings/api/bookings";
import { AuditTrail } from "../../../features/staff-bookings/components/AuditTrail";
import { CancelForm } from "../../../features/staff-bookings/components/CancelForm";
import { StaffVisitPicker, visitDateProblem } from "../../../features/staff-bookings/components/StaffVisitPicker";
import { staffSlotOptions, visitChange, type CurrentVisit, type StaffVisit } from "../../../features/staff-bookings/visit";
import { AppointmentMove } from "../../../features/appointments/components/AppointmentMove";
import { useDaySlots } from "../../../features/venue-capacity/api/slots";
import type { Venue } from "../../../features/venues/api/get-venue";
import { ApiError } from "../../../lib/api-client";
import { appointmentOf, formatAppointment, whatRows, type Appointment } from "../../../lib/appointments";
import { reservationOf, reservationRows } from "../../../features/resource-calendar/calendar";
import { errorSentence, isTransient } from "../../../lib/error-messages";
import { formatMoney } from "../../../lib/money";
import { totalOf } from "../../../lib/stays";
import { channelLabel, people } from "../../../lib/staff-labels";
import { useStaffCall } from "../../../lib/staff-session";
import { formatLongDate, formatVisit, zoneAbbreviation } from "../../../lib/time";
import { staffDateRange, staffPath, useStaffVenue } from "./context";

type Mode = "view" | "move" | "cancel";
type Done = "moved" | "cancelled" | "complete" | "no-show" | "created";

const DONE: Record<Done, string> = {
  created: "Booking added",
  moved: "Booking moved",
  cancelled: "Booking cancelled",
  complete: "Marked as arrived",
  "no-show": "Marked as a no-show",
};

function BackLink({ venue }: { venue: string }) {
  const [params] = useSearchParams();
  const date = params.get("date");
  const toDay = params.get("from") === "day" && date;
  return (
    <p className="mb-4">
      <Link
        to={toDay ? `${staffPath(venue)}?date=${date}` : staffPath(venue, "bookings")}
        className="font-semibold text-indigo-800 underline"
      >
        ← {toDay ? `Back to the day sheet for ${formatLongDate(date)}` : "Back to bookings"}
      </Link>
    </p>
  );
}

export function BookingPage() {
  const { venue } = useStaffVenue();
  const { reference = "" } = useParams();
  const booking = useStaffBooking(venue.slug, reference);
  if (booking.isPending) return <Loading>Finding booking {reference}…</Loading>;
  if (booking.isError) {
    const missing = booking.error instanceof ApiError && booking.error.status === 404;
    return (
      <>
        <title>{`Booking ${reference} · ${venue.name}`}</title>
        <BackLink venue={venue.slug} />
        <Heading focusOnMount>{missing ? "Booking not found" : `Booking ${reference}`}</Heading>
        {missing ? (
          <p role="alert">
            There is no booking {reference.toUpperCase()} at {venue.name}. Check the reference, or find the booking in the list.
          </p>
        ) : (
          <LoadError error={booking.error} onRetry={isTransient(booking.error) ? () => booking.refetch() : undefined} />
        )}
      </>
    );
  }
  // A stay has the front desk's page: its room, check-in and out, folio and invoice.
  if (booking.data.kind === "stay") return <Navigate to={staffPath(venue.slug, `stays/${booking.data.reference}`)} replace />;
  return <StaffBookingPage key={booking.data.reference} booking={booking.data} />;
}

function StaffBookingPage({ booking }: { booking: StaffBooking }) {
  const { venue, me } = useStaffVenue();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<Mode>("view");
  const [done, setDone] = useState<Done | null>(params.get("added") ? "created" : null);
  const outcome = useRecordOutcome(venue.slug, booking.reference);
  const [attempt, setAttempt] = useState(0);
  const name = [booking.customer?.first_name, booking.customer?.surname].filter(Boolean).join(" ");
  const open = booking.status === "confirmed" || booking.status === "pending";
  // An appointment is its service, who and when, at its price; not a table for "1 person".
  const appointment = appointmentOf(booking);
  // A reservation is its resource and dates (a series' too); moving one is not in the app yet.
  const reservation = reservationOf(booking);
  const total = totalOf(booking);

  const finish = (result: Done) => {
    setDone(result);
    setMode("view");
  };
  const record = (kind: Outcome) => {
    setDone(null);
    outcome.mutate(kind, { onSuccess: () => finish(kind), onError: () => setAttempt((n) => n + 1) });
  };

  return (
    <>
      <title>{`Booking ${booking.reference}${name ? `, ${name}` : ""} · ${venue.name}`}</title>
      <BackLink venue={venue.slug} />
      <Heading focusOnMount={!done}>Booking {booking.reference}</Heading>
      {done && <Notice title={done === "complete" && reservation ? "Marked as used" : DONE[done]} />}
      {outcome.isError && mode === "view" && <ErrorSummary description={errorSentence(outcome.error)} focusKey={attempt} />}
      <BookingSummary
        rows={[
          ["Status", <StatusBadge key="status" status={booking.status} kind={booking.kind} />],
          ...(reservation
            ? reservationRows(reservation)
            : appointment
            ? ([
                ...whatRows(appointment),
                ["With", appointment.staff.name],
                ["When", formatAppointment(booking.starts_at, booking.ends_at, venue.timezone)],
                ...(total ? [["Price", formatMoney(total)]] : []),
              ] as [string, string][])
            : ([
                ["When", formatVisit(booking.starts_at, venue.timezone)],
                ["Party", people(booking.party_size)],
              ] as [string, string][])),
          ["Name", name || "Not given"],
          ["E-mail", booking.customer?.email ?? "Not given"],
          ["Phone", booking.customer?.mobile ?? booking.customer?.phone ?? "Not given"],
          ["Special requests", booking.special_requests || "None"],
          ["Booked", `${channelLabel(booking.channel)}, ${booking.created_at ? formatVisit(booking.created_at, venue.timezone) : ""}`],
        ]}
      />
      {mode === "view" && open && (
        <div className="flex flex-wrap gap-3">
          {booking.status === "confirmed" && (
            <>
              <Button onClick={() => record("complete")} disabled={outcome.isPending}>
                {reservation ? "Mark as used" : "Mark as arrived"}
              </Button>
              <Button variant="secondary" onClick={() => record("no-show")} disabled={outcome.isPending}>
                Mark as no-show
              </Button>
              {!reservation && (
                <Button variant="secondary" onClick={() => { setDone(null); setMode("move"); }}>
                  Move
                </Button>
              )}
            </>
          )}
          <Button variant="secondary" onClick={() => { setDone(null); setMode("cancel"); }}>
            Cancel booking
          </Button>
        </div>
      )}
      {mode === "view" && !open && <p>This booking is {booking.status === "cancelled" ? "cancelled" : "over"}: it can no longer be changed.</p>}
      {mode === "move" && appointment && (
        <MoveAppointment booking={booking} appointment={appointment} venue={venue} onDone={() => finish("moved")} onBack={() => setMode("view")} />
      )}
      {mode === "move" && !appointment && (
        <MoveBooking booking={booking} venue={venue} onDone={() => finish("moved")} onBack={() => setMode("view")} />
      )}
      {mode === "cancel" && (
        <CancelForm venue={venue.slug} reference={booking.reference} onDone={() => finish("cancelled")} onBack={() => setMode("view")} />
      )}
      <AuditTrail venue={venue.slug} reference={booking.reference} timezone={venue.timezone} meId={me.id} />
    </>
  );
}

function MoveBooking({ booking, venue, onDone, onBack }: { booking: StaffBooking; venue: Venue; onDone: () => void; onBack: () => void }) {
  const current: CurrentVisit = { date: booking.date, time: booking.time, partySize: booking.party_size };
  const [visit, setVisit] = useState<StaffVisit>(current);
  const [timeError, setTimeError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [taken, setTaken] = useState<{ date: string; time: string } | null>(null);
  const range = staffDateRange(venue);
  const validDate = !visitDateProblem(visit.date, range);
  const slots = useDaySlots(venue.slug, visit.date, { enabled: validDate });
  const move = useMoveBooking(venue.slug, booking.reference);

  const save = (next: StaffVisit = visit) => {
    setAttempt((n) => n + 1);
    setProblem(null);
    if (!validDate) return setTimeError("Choose a date within the booking horizon");
    if (!next.time) return setTimeError("Choose a time");
    const change = visitChange(current, next);
    if (Object.keys(change).length === 0) return setTimeError("Choose a different date, time or party size");
    setTimeError(undefined);
    move.mutate(change, {
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof ApiError && error.code === "slot_full") {
          setTaken({ date: next.date, time: next.time! });
          void slots.refetch();
          setVisit({ ...next, time: null });
          return;
        }
        setProblem(errorSentence(error));
      },
    });
  };

  const alternatives = taken
    ? staffSlotOptions(slots.data ?? [], taken.date, visit.partySize, current)
        .filter((slot) => slot.bookable && slot.time !== taken.time)
        .slice(0, 3)
    : [];

  return (
    <section aria-labelledby="move-title" className="mt-2">
      <Heading level={2} id="move-title" focusOnMount={!taken}>
        Move this booking
      </Heading>
      {taken && (
        <TakenNotice
          time={taken.time}
          day={formatLongDate(taken.date)}
          loading={slots.isFetching}
          alternatives={alternatives}
          onPick={(time) => {
            const next = { ...visit, date: taken.date, time };
            setVisit(next);
            save(next);
          }}
          keptWhat="The booking is unchanged. Choose another time."
        />
      )}
      {(timeError || problem) && (
        <ErrorSummary
          items={timeError ? [{ fieldId: "move-time", message: timeError }] : []}
          description={problem ?? undefined}
          focusKey={attempt}
        />
      )}
      <StaffVisitPicker
        idPrefix="move"
        visit={visit}
        onChange={(next) => {
          setTimeError(undefined);
          setVisit(next);
        }}
        maxPartySize={venue.max_party_size}
        range={range}
        slots={slots}
        zone={zoneAbbreviation(new Date(`${validDate ? visit.date : range.first}T12:00:00Z`), venue.timezone)}
        current={current}
        timeError={timeError}
      />
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => save()} disabled={move.isPending}>
          {move.isPending ? "Saving…" : "Save the move"}
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Keep it as it is
        </Button>
      </div>
    </section>
  );
}

/** The appointment moved by the desk: the customer's pickers worded for staff, the booking's own times asked as staff. */
function MoveAppointment({
  booking,
  appointment,
  venue,
  onDone,
  onBack,
}: {
  booking: StaffBooking;
  appointment: Appointment;
  venue: Venue;
  onDone: () => void;
  onBack: () => void;
}) {
  const move = useMoveBooking(venue.slug, booking.reference);
  const call = useStaffCall();
  return (
    <AppointmentMove
      booking={booking}
      appointment={appointment}
      venue={venue}
      audience="desk"
      moving={{ reference: booking.reference, call }}
      move={move}
      onDone={onDone}
      onBack={onBack}
    />
  );
}
