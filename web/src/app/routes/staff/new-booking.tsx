/** A walk-in or a phone booking, taken by staff: the day's times from the venue's ledger, and as much
 * of the guest as they give; at a clinic or salon an appointment, at a lab the resource calendar. */
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { TakenNotice } from "../../../components/TakenNotice";
import { useCreateStaffBooking } from "../../../features/staff-bookings/api/bookings";
import { ChannelField, GuestFields, useGuestForm } from "../../../features/staff-bookings/components/GuestFields";
import { StaffVisitPicker, visitDateProblem } from "../../../features/staff-bookings/components/StaffVisitPicker";
import {
  guestProblems,
  guestSummaryItems,
  placeGuestErrors,
  toStaffBookingRequest,
  type Channel,
} from "../../../features/staff-bookings/guest";
import { staffSlotOptions, type StaffVisit } from "../../../features/staff-bookings/visit";
import { useDaySlots } from "../../../features/venue-capacity/api/slots";
import { ApiError } from "../../../lib/api-client";
import { takesAppointments } from "../../../lib/appointments";
import { takesReservations } from "../../../lib/venue-kinds";
import { errorSentence, fieldErrors } from "../../../lib/error-messages";
import { formatLongDate, zoneAbbreviation } from "../../../lib/time";
import { staffDateRange, staffPath, useStaffVenue } from "./context";
import { NewAppointmentPage } from "./new-appointment";

const TIME = /^\d{2}:\d{2}$/;

export function NewBookingPage() {
  const { venue } = useStaffVenue();
  if (takesAppointments(venue)) return <NewAppointmentPage />;
  if (takesReservations(venue)) return <ReserveFromCalendar />;
  return <NewTableBooking />;
}

/** A lab's equipment is reserved on its resource calendar, where its free and busy times are. */
function ReserveFromCalendar() {
  const { venue } = useStaffVenue();
  return (
    <>
      <title>{`New booking · ${venue.name}`}</title>
      <Heading focusOnMount>New booking</Heading>
      <p>
        At {venue.name} a reservation is made on the{" "}
        <Link to={staffPath(venue.slug, "calendar")} className="font-semibold text-indigo-800 underline">
          resource calendar
        </Link>
        : choose the resource, then a free time in its week.
      </p>
    </>
  );
}

function NewTableBooking() {
  const { venue } = useStaffVenue();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const range = staffDateRange(venue);
  const [channel, setChannel] = useState<Channel>(params.get("channel") === "phone" ? "phone" : "walk_in");
  const [visit, setVisit] = useState<StaffVisit>(() => {
    const date = params.get("date") ?? "";
    const time = params.get("time") ?? "";
    return {
      date: visitDateProblem(date, range) ? range.first : date,
      partySize: 2,
      time: TIME.test(time) ? time : null,
    };
  });
  const { guest, problems, setProblems, fields: guestFields } = useGuestForm();
  const [timeError, setTimeError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [taken, setTaken] = useState<{ date: string; time: string } | null>(null);
  const validDate = !visitDateProblem(visit.date, range);
  const slots = useDaySlots(venue.slug, visit.date, { enabled: validDate });
  const create = useCreateStaffBooking(venue.slug);

  const submit = (event?: FormEvent, next: StaffVisit = visit) => {
    event?.preventDefault();
    setAttempt((n) => n + 1);
    setProblem(null);
    const found = guestProblems(guest);
    setProblems(found);
    const noTime = !validDate ? "Choose a date within the booking horizon" : !next.time ? "Choose a time" : undefined;
    setTimeError(noTime);
    if (noTime || Object.keys(found).length) return;
    create.mutate(toStaffBookingRequest(venue.slug, { ...next, time: next.time! }, channel, guest), {
      onSuccess: (booking) => navigate(`${staffPath(venue.slug, `bookings/${booking.reference}`)}?added=1`),
      onError: (error) => {
        if (error instanceof ApiError && error.code === "slot_full") {
          setTaken({ date: next.date, time: next.time! });
          void slots.refetch();
          setVisit({ ...next, time: null });
          return;
        }
        const { byField, unplaced } = placeGuestErrors(fieldErrors(error));
        setProblems(byField);
        setProblem(Object.keys(byField).length && !unplaced.length ? null : errorSentence(error));
      },
    });
  };

  const items: SummaryItem[] = [
    ...(timeError ? [{ fieldId: "new-time", message: timeError }] : []),
    ...guestSummaryItems(problems),
  ];
  const alternatives = taken
    ? staffSlotOptions(slots.data ?? [], taken.date, visit.partySize)
        .filter((slot) => slot.bookable && slot.time !== taken.time)
        .slice(0, 3)
    : [];

  return (
    <>
      <title>{`New booking · ${venue.name}`}</title>
      <Heading focusOnMount={!taken}>New booking</Heading>
      <p className="mb-6">A walk-in or a booking taken on the phone at {venue.name}.</p>
      {taken && (
        <TakenNotice
          time={taken.time}
          day={formatLongDate(taken.date)}
          loading={slots.isFetching}
          alternatives={alternatives}
          onPick={(time) => {
            const next = { ...visit, date: taken.date, time };
            setVisit(next);
            submit(undefined, next);
          }}
          keptWhat="What you typed is kept: choose another time."
        />
      )}
      {(items.length > 0 || problem) && <ErrorSummary items={items} description={problem ?? undefined} focusKey={attempt} />}
      <form noValidate onSubmit={submit}>
        <ChannelField channel={channel} onChange={setChannel} />
        <StaffVisitPicker
          idPrefix="new"
          visit={visit}
          onChange={(next) => {
            setTimeError(undefined);
            if (next.date !== taken?.date) setTaken(null);
            setVisit(next);
          }}
          maxPartySize={venue.max_party_size}
          range={range}
          slots={slots}
          zone={zoneAbbreviation(new Date(`${validDate ? visit.date : range.first}T12:00:00Z`), venue.timezone)}
          timeError={timeError}
        />
        <GuestFields {...guestFields} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add the booking"}
        </Button>
      </form>
    </>
  );
}
