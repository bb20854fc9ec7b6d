/**
 * A customer's own booking, opened with the signed link from their e-mail (`?token=`) or with its
 * reference and their e-mail: see it, move it, cancel it.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { BookingSummary } from "../../components/BookingSummary";
import { StayRate } from "../../components/StayRate";
import { PriceLines } from "../../components/PriceLines";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { FieldError } from "../../components/Field";
import { Heading } from "../../components/Heading";
import { Loading, LoadError, Notice } from "../../components/Status";
import { TakenNotice } from "../../components/TakenNotice";
import { availabilityKey, useAvailability } from "../../features/availability/api/get-availability";
import { toSlotOptions, VisitPicker, type Visit } from "../../features/availability/components/VisitPicker";
import { nearestAlternatives } from "../../features/availability/visit-rules";
import { useCancelBooking, useUpdateBooking } from "../../features/manage/api/change-booking";
import { useCustomerCancellationReasons } from "../../features/manage/api/get-cancellation-reasons";
import { bookingChange, stayChange } from "../../features/manage/booking-change";
import { useBooking, type BookingAccess, type ManagedBooking } from "../../features/manage/api/get-booking";
import { FindBookingForm, FORMAT_PROBLEMS, type Lookup } from "../../features/manage/components/FindBookingForm";
import { staySearchKey, useStaySearch } from "../../features/stays/api/search-stays";
import { StaySearchForm } from "../../features/stays/components/StaySearchForm";
import { stayProblems, type StaySearch } from "../../features/stays/stay-rules";
import { AppointmentMove } from "../../features/appointments/components/AppointmentMove";
import { reservationRows } from "../../features/resource-calendar/calendar";
import { useVenue, type Venue } from "../../features/venues/api/get-venue";
import { ApiError } from "../../lib/api-client";
import { errorSentence, fieldErrors, isTransient } from "../../lib/error-messages";
import { appointmentOf, formatAppointment, whatRows, type Appointment } from "../../lib/appointments";
import { reservationOf } from "../../lib/reservations";
import { formatMoney } from "../../lib/money";
import { guestsText, nightsBetween, nightsText, stayDates, stayOf, totalOf, type Stay } from "../../lib/stays";
import { formatLongDate, formatVisit } from "../../lib/time";
import { useShowVenue } from "../venue-on-screen";

type Row = [string, ReactNode];

const STATUS: Record<string, string> = {
  confirmed: "Confirmed",
  pending: "Waiting for payment",
  cancelled: "Cancelled",
  checked_in: "Checked in",
  completed: "Completed",
  no_show: "Marked as not attended",
  expired: "Expired",
};

function useAccess(): BookingAccess | null {
  const [params] = useSearchParams();
  const state = useLocation().state as { email?: string } | null;
  const token = params.get("token");
  if (token) return { token };
  if (state?.email) return { email: state.email };
  return null;
}

export function ManageBookingRoute() {
  const { reference = "" } = useParams();
  const access = useAccess();
  const booking = useBooking(reference, access);
  const navigate = useNavigate();
  const find = (lookup: Lookup) => navigate(`/bookings/${lookup.reference}`, { state: { email: lookup.email } });
  const email = access && "email" in access ? access.email : "";

  if (!access) {
    return (
      <FindAgain title="Manage your booking" reference={reference} email="" onFind={find}>
        <p className="mb-6">Enter your booking reference and the e-mail address you booked with.</p>
      </FindAgain>
    );
  }
  if (booking.isPending) return <Loading>Finding your booking…</Loading>;
  if (booking.isError) {
    if (isTransient(booking.error)) {
      return (
        <>
          <title>Your booking · Tessera</title>
          <Heading focusOnMount>Your booking</Heading>
          <LoadError error={booking.error} onRetry={() => booking.refetch()} />
        </>
      );
    }
    const expired = booking.error instanceof ApiError && booking.error.code === "link_expired";
    const refused = lookupProblems(booking.error);
    if (refused) {
      return (
        <FindAgain title="Manage your booking" reference={reference} email={email} onFind={find} problems={refused}>
          <p className="mb-6">Enter your booking reference and the e-mail address you booked with.</p>
        </FindAgain>
      );
    }
    return (
      <FindAgain
        title={expired ? "This link has expired" : "We could not find that booking"}
        reference={reference}
        email={email}
        onFind={find}
      >
        <p role="alert" className="mb-6">
          {errorSentence(notFoundAsBooking(booking.error))}
        </p>
      </FindAgain>
    );
  }
  return <ManageBooking booking={booking.data} access={access} />;
}

/** A link for another booking or not signed by us is a plain 404 from the gateway: to the guest, no such booking. */
function notFoundAsBooking(error: unknown): unknown {
  return error instanceof ApiError && error.status === 404 ? new ApiError(404, "booking_not_found", "") : error;
}

/** A 422 on the look-up's own fields (the API's e-mail rule is stricter than the form's), as the form words it. */
function lookupProblems(error: unknown) {
  const fields = fieldErrors(error);
  if (!Object.keys(fields).length) return null;
  return {
    ...("email" in fields ? { email: FORMAT_PROBLEMS.email } : {}),
    ...("reference" in fields ? { reference: FORMAT_PROBLEMS.reference } : {}),
  };
}

function FindAgain({
  title,
  reference,
  email,
  onFind,
  problems,
  children,
}: {
  title: string;
  reference: string;
  email: string;
  onFind: (lookup: Lookup) => void;
  problems?: { reference?: string; email?: string };
  children: ReactNode;
}) {
  return (
    <>
      <title>{`${title} · Tessera`}</title>
      <Heading focusOnMount={!problems}>{title}</Heading>
      {children}
      <FindBookingForm key={`${reference}|${email}`} initial={{ reference, email }} onFind={onFind} serverProblems={problems} />
    </>
  );
}

type Mode = "view" | "move" | "cancel";

function ManageBooking({ booking, access }: { booking: ManagedBooking; access: BookingAccess }) {
  const venue = useVenue(booking.venue);
  const [mode, setMode] = useState<Mode>("view");
  const [outcome, setOutcome] = useState<"moved" | "cancelled" | null>(null);
  const venueName = venue.data?.name ?? booking.venue;
  const when = venue.data ? formatVisit(booking.starts_at, venue.data.timezone) : `${booking.date}, ${booking.time}`;
  const changeable = booking.status === "confirmed";
  const stay = stayOf(booking);
  const appointment = appointmentOf(booking);
  // A reservation is its resource and dates; the app has no reservation move yet, so it can only be cancelled here.
  const reservation = reservationOf(booking);
  const total = totalOf(booking);
  const name = `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim() || "–";
  const where = `${venueName}${venue.data?.address ? `, ${venue.data.address}` : ""}`;
  useShowVenue(booking.venue);

  const finish = (result: "moved" | "cancelled") => {
    setOutcome(result);
    setMode("view");
  };

  return (
    <>
      <title>{`Booking ${booking.reference} · ${venueName}`}</title>
      <Heading focusOnMount={!outcome}>Your booking</Heading>
      {outcome === "moved" && <Notice title="Your booking has been changed">We have sent you an e-mail with the new details.</Notice>}
      {outcome === "cancelled" && (
        <Notice title="Your booking has been cancelled">We have sent you an e-mail to confirm it.</Notice>
      )}
      <BookingSummary
        rows={[
          ["Reference", <strong key="reference" className="tracking-widest">{booking.reference}</strong>],
          ["Status", STATUS[booking.status] ?? booking.status],
          ...(appointment
            ? ([
                ...whatRows(appointment),
                ["With", appointment.staff.name],
                ["When", venue.data ? formatAppointment(booking.starts_at, booking.ends_at, venue.data.timezone) : when],
                ["Where", where],
                ...(total ? [["Price", formatMoney(total)]] : []),
              ] as Row[])
            : stay
              ? ([
                  ["Hotel", where],
                  ["Arrival", formatLongDate(stay.arrival)],
                  ["Departure", formatLongDate(stay.departure)],
                  ["Nights", nightsText(stay.nights)],
                  ["Room", stay.room_type_name ?? stay.room_type],
                  ["Rate", <StayRate key="rate" stay={stay} />],
                  ["Guests", guestsText(stay.guests)],
                ] as Row[])
              : reservation
                ? [...reservationRows(reservation), ["Where", where] as Row]
                : ([
                    ["When", when],
                    ["Where", where],
                    ["Table for", booking.party_size === 1 ? "1 person" : `${booking.party_size} people`],
                  ] as Row[])),
          ["Name", name],
          ...(booking.special_requests ? [["Special requests", booking.special_requests] as Row] : []),
        ]}
      />
      {stay && total && <PriceLines caption="Price" lines={stay.lines} total={total} totalLabel="Total, taxes included" />}
      {!changeable && booking.status !== "pending" && (
        <p className="mb-6">
          This booking can no longer be changed. To book again,{" "}
          <Link to={`/venues/${booking.venue}`} className="font-semibold text-indigo-800 underline">
            {stay ? `choose new dates at ${venueName}` : `choose a new time at ${venueName}`}
          </Link>
          .
        </p>
      )}
      {changeable && mode === "view" && (
        <div className="flex flex-wrap gap-3">
          {!reservation && (
            <Button onClick={() => { setOutcome(null); setMode("move"); }}>
              {stay ? "Change dates or guests" : appointment ? "Change date, time or person" : "Change date, time or party size"}
            </Button>
          )}
          <Button variant="secondary" onClick={() => { setOutcome(null); setMode("cancel"); }}>
            Cancel booking
          </Button>
        </div>
      )}
      {changeable && mode === "move" && venue.data && stay && (
        <ChangeStay booking={booking} stay={stay} access={access} venue={venue.data} onDone={() => finish("moved")} onBack={() => setMode("view")} />
      )}
      {changeable && mode === "move" && venue.data && appointment && (
        <MoveAppointment
          booking={booking}
          appointment={appointment}
          access={access}
          venue={venue.data}
          onDone={() => finish("moved")}
          onBack={() => setMode("view")}
        />
      )}
      {changeable && mode === "move" && venue.data && !stay && !appointment && !reservation && (
        <MoveBooking booking={booking} access={access} venue={venue.data} onDone={() => finish("moved")} onBack={() => setMode("view")} />
      )}
      {changeable && mode === "move" && venue.isError && <LoadError error={venue.error} onRetry={() => venue.refetch()} />}
      {changeable && mode === "cancel" && (
        <CancelBooking
          booking={booking}
          access={access}
          what={stay ? "room" : appointment || reservation ? "time" : "table"}
          onDone={() => finish("cancelled")}
          onBack={() => setMode("view")}
        />
      )}
    </>
  );
}

function MoveBooking({
  booking,
  access,
  venue,
  onDone,
  onBack,
}: {
  booking: ManagedBooking;
  access: BookingAccess;
  venue: Venue;
  onDone: () => void;
  onBack: () => void;
}) {
  const current: Visit = { date: booking.date, partySize: booking.party_size, time: booking.time };
  const [visit, setVisit] = useState<Visit>(current);
  const [timeError, setTimeError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [taken, setTaken] = useState<{ date: string; time: string } | null>(null);
  const update = useUpdateBooking(booking.reference, access);
  const client = useQueryClient();

  const save = (next: Visit = visit) => {
    setProblem(null);
    if (!next.time) return setTimeError("Choose a time");
    const change = bookingChange(booking, next);
    if (Object.keys(change).length === 0) return setTimeError("Choose a different date, time or party size");
    setTimeError(undefined);
    update.mutate(change, {
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof ApiError && error.code === "slot_full") {
          setTaken({ date: next.date, time: next.time! });
          void client.invalidateQueries({ queryKey: availabilityKey(venue.slug) });
          setVisit({ ...next, time: null });
          return;
        }
        if (error instanceof ApiError && error.code === "booking_changed") {
          void client.invalidateQueries({ queryKey: ["bookings", booking.reference.toUpperCase()] });
        }
        setProblem(errorSentence(error));
        setAttempt((n) => n + 1);
      },
    });
  };

  return (
    <section aria-labelledby="move-title" className="mt-2">
      <Heading level={2} id="move-title" focusOnMount={!taken}>
        Change your booking
      </Heading>
      {taken && (
        <MoveAlternatives
          venue={venue}
          taken={taken}
          partySize={visit.partySize}
          onPick={(time) => {
            const next = { ...visit, date: taken.date, time };
            setVisit(next);
            save(next);
          }}
        />
      )}
      {(timeError || problem) && (
        <ErrorSummary
          items={timeError ? [{ fieldId: "move-time", message: timeError }] : []}
          description={problem ?? undefined}
          focusKey={`${timeError}-${attempt}`}
        />
      )}
      <VisitPicker
        idPrefix="move"
        venue={venue}
        visit={visit}
        current={current}
        taken={taken}
        timeError={timeError}
        onChange={(next) => {
          setTimeError(undefined);
          setVisit(next);
        }}
      />
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => save()} disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save the change"}
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Keep it as it is
        </Button>
      </div>
    </section>
  );
}

function MoveAlternatives({
  venue,
  taken,
  partySize,
  onPick,
}: {
  venue: Venue;
  taken: { date: string; time: string };
  partySize: number;
  onPick: (time: string) => void;
}) {
  const slots = useAvailability({ venue: venue.slug, date: taken.date, partySize });
  return (
    <TakenNotice
      time={taken.time}
      day={formatLongDate(taken.date)}
      loading={slots.isPending || slots.isFetching}
      alternatives={toSlotOptions(nearestAlternatives(slots.data ?? [], taken.time))}
      onPick={onPick}
      keptWhat="Your booking is unchanged. Choose one of these times, or another below."
    />
  );
}

/**
 * A stay's dates or guests changed: the new search priced for the same room and rate first, so the
 * guest sees the new total before saving; only what changes is sent. The API prices the stay again
 * (a change is a new sale) and takes the new nights before letting the old ones go.
 */
function ChangeStay({
  booking,
  stay,
  access,
  venue,
  onDone,
  onBack,
}: {
  booking: ManagedBooking;
  stay: Stay;
  access: BookingAccess;
  venue: Venue;
  onDone: () => void;
  onBack: () => void;
}) {
  const current: StaySearch = { arrival: stay.arrival, departure: stay.departure, guests: stay.guests };
  const [draft, setDraft] = useState<StaySearch>(current);
  const [asked, setAsked] = useState<StaySearch | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [problem, setProblem] = useState<{ sentence: string; key: number } | null>(null);
  const update = useUpdateBooking(booking.reference, access);
  const client = useQueryClient();
  const problems = attempts ? stayProblems(draft, venue) : {};
  const unchanged = asked !== null && Object.keys(stayChange(current, asked)).length === 0;

  const check = () => {
    setAttempts((n) => n + 1);
    setProblem(null);
    if (Object.keys(stayProblems(draft, venue)).length) return;
    setAsked(draft);
  };

  const save = () => {
    if (!asked) return;
    update.mutate(stayChange(current, asked), {
      onSuccess: onDone,
      onError: (error) => {
        void client.invalidateQueries({ queryKey: staySearchKey(venue.slug) });
        if (error instanceof ApiError && error.code === "booking_changed") {
          void client.invalidateQueries({ queryKey: ["bookings", booking.reference.toUpperCase()] });
        }
        setProblem({ sentence: errorSentence(error), key: Date.now() });
      },
    });
  };

  return (
    <section aria-labelledby="move-title" className="mt-2">
      <Heading level={2} id="move-title" focusOnMount>
        Change your stay
      </Heading>
      <p className="mb-4">
        Your {stay.room_type_name ?? "room"} stays the same. The stay is priced again at today's prices for the new dates.
      </p>
      <StaySearchForm
        idPrefix="move"
        rules={venue}
        search={draft}
        onChange={(next) => {
          setDraft(next);
          setAsked(null);
        }}
        onSubmit={check}
        problems={problems}
        focusKey={attempts}
        submitLabel="See the new price"
      />
      {problem && <ErrorSummary id="move-error-summary" description={problem.sentence} focusKey={problem.key} />}
      {asked && unchanged && (
        <p role="alert" className="my-4 font-semibold text-red-700">
          These are your stay's dates and guests already. Choose different ones.
        </p>
      )}
      {asked && !unchanged && (
        <NewStayPrice key={JSON.stringify(asked)} venue={venue} stay={stay} search={asked} saving={update.isPending} onSave={save} />
      )}
      <div className="mt-4">
        <Button variant="secondary" onClick={onBack}>
          Keep it as it is
        </Button>
      </div>
    </section>
  );
}

/** The stay's room and rate priced for the new search: the new total, or why it cannot be had. */
function NewStayPrice({
  venue,
  stay,
  search,
  saving,
  onSave,
}: {
  venue: Venue;
  stay: Stay;
  search: StaySearch;
  saving: boolean;
  onSave: () => void;
}) {
  const offers = useStaySearch(venue.slug, search);
  if (offers.isPending) return <Loading>Pricing the new dates…</Loading>;
  if (offers.isError) return <LoadError error={offers.error} onRetry={() => offers.refetch()} />;
  const room = offers.data.room_types.find((each) => each.room_type === stay.room_type);
  const plan = room?.rate_plans.find((each) => each.rate_plan === stay.rate_plan);
  const total = plan?.bookable ? totalOf(plan) : null;
  const nights = nightsBetween(search.arrival, search.departure);
  const refusal = !room
    ? `Your ${stay.room_type_name ?? "room"} does not sleep ${guestsText(search.guests)}.`
    : room.available <= 0
      ? `Your ${room.name} is sold out on at least one of those nights.`
      : !plan
        ? "Your rate is no longer on sale."
        : !total
          ? (plan.reason ?? "Your rate does not sell that stay.")
          : null;
  return (
    <section aria-labelledby="new-price-title" className="my-6 rounded border-2 border-gray-300 p-4">
      <Heading level={2} id="new-price-title" focusOnMount>
        {`${nightsText(nights)}, ${guestsText(search.guests)}`}
      </Heading>
      <p className="mb-2">{stayDates(search)}</p>
      {refusal ? (
        <p role="alert" className="font-semibold text-red-700">
          {refusal} Choose other dates, or keep your stay as it is.
        </p>
      ) : (
        <>
          <p className="mb-4">
            New total <strong className="text-xl">{formatMoney(total!)}</strong>, taxes included
          </p>
          <Button onClick={onSave} disabled={saving}>
            {saving ? "Saving…" : "Save the change"}
          </Button>
        </>
      )}
    </section>
  );
}

/** The appointment moved by the customer: the booking's own times, asked with their link or e-mail. */
function MoveAppointment({
  booking,
  appointment,
  access,
  venue,
  onDone,
  onBack,
}: {
  booking: ManagedBooking;
  appointment: Appointment;
  access: BookingAccess;
  venue: Venue;
  onDone: () => void;
  onBack: () => void;
}) {
  const update = useUpdateBooking(booking.reference, access);
  const client = useQueryClient();
  return (
    <AppointmentMove
      booking={booking}
      appointment={appointment}
      venue={venue}
      audience="customer"
      moving={{ reference: booking.reference, access }}
      move={update}
      onDone={onDone}
      onBack={onBack}
      onRefused={(error) => {
        if (error instanceof ApiError && error.code === "booking_changed") {
          void client.invalidateQueries({ queryKey: ["bookings", booking.reference.toUpperCase()] });
        }
      }}
    />
  );
}

function CancelBooking({
  booking,
  access,
  what,
  onDone,
  onBack,
}: {
  booking: ManagedBooking;
  access: BookingAccess;
  what: "table" | "room" | "time";
  onDone: () => void;
  onBack: () => void;
}) {
  const cancel = useCancelBooking(booking.reference, access);
  const reasons = useCustomerCancellationReasons();
  const [reason, setReason] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const missingText = "Choose why you are cancelling";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (reason === null) return setMissing(true);
    cancel.mutate(reason, { onSuccess: onDone });
  };

  return (
    <section aria-labelledby="cancel-title" className="mt-2">
      <Heading level={2} id="cancel-title" focusOnMount={attempt === 0}>
        Cancel this booking?
      </Heading>
      {(missing || cancel.isError) && (
        <ErrorSummary
          items={missing ? [{ fieldId: "cancel-reason", message: missingText }] : []}
          description={cancel.isError ? errorSentence(cancel.error) : undefined}
          focusKey={attempt}
        />
      )}
      <p className="mb-4">
        {what === "time" ? "The time will be offered to others." : `The ${what} will be offered to other guests.`} This
        cannot be undone, but you can always book again.
      </p>
      {reasons.isPending ? (
        <Loading>Loading the reasons…</Loading>
      ) : reasons.isError ? (
        <LoadError error={reasons.error} onRetry={() => reasons.refetch()} />
      ) : (
        <form noValidate onSubmit={submit}>
          <fieldset
            id="cancel-reason"
            aria-describedby={missing ? "cancel-reason-error" : undefined}
            className={`mb-6 ${missing ? "border-l-4 border-red-700 pl-3" : ""}`}
          >
            <legend className="mb-2 text-lg font-semibold text-gray-900">Why are you cancelling?</legend>
            {missing && <FieldError id="cancel-reason-error" message={missingText} />}
            {reasons.data.map((item) => (
              <div key={item.id} className="mb-3 flex items-start gap-3">
                <input
                  id={`cancel-reason-${item.id}`}
                  type="radio"
                  name="cancel-reason"
                  checked={reason === item.id}
                  onChange={() => {
                    setReason(item.id);
                    setMissing(false);
                  }}
                  className="mt-0.5 size-6 shrink-0 accent-indigo-800"
                />
                <label htmlFor={`cancel-reason-${item.id}`} className="text-gray-900">
                  {item.reason}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="warning" disabled={cancel.isPending}>
              {cancel.isPending ? "Cancelling…" : "Yes, cancel my booking"}
            </Button>
            <Button variant="secondary" onClick={onBack}>
              No, keep it
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
