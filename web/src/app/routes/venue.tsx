/**
 * Booking a table: the venue and its times (choose), then the guest's details (details); a
 * booking made goes on to its confirmation. The step is in the URL, so Back works; the details
 * live here, so they survive going back to choose another time.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Heading } from "../../components/Heading";
import { Loading, LoadError } from "../../components/Status";
import { TakenNotice } from "../../components/TakenNotice";
import { availabilityKey, useAvailability } from "../../features/availability/api/get-availability";
import { dateProblem, toSlotOptions, VisitPicker, type Visit } from "../../features/availability/components/VisitPicker";
import { bookableDates, nearestAlternatives } from "../../features/availability/visit-rules";
import { useCreateBooking } from "../../features/bookings/api/create-booking";
import { DetailsForm } from "../../features/bookings/components/DetailsForm";
import { EMPTY_DETAILS, placeApiErrors, toBookingFields, type Details, type DetailsErrors } from "../../features/bookings/details-rules";
import { useVenue, type Venue } from "../../features/venues/api/get-venue";
import { VenueDetails } from "../../features/venues/components/VenueDetails";
import { ApiError } from "../../lib/api-client";
import { errorSentence, fieldErrors } from "../../lib/error-messages";
import { formatLongDate, formatVisit } from "../../lib/time";
import { HOME_VENUE } from "../config";
import { takesAppointments } from "../../lib/appointments";
import { takesReservations } from "../../lib/venue-kinds";
import { AppointmentBookingFlow } from "./appointment-booking";
import { ReservationVenue } from "./reservation-venue";
import { StayBookingFlow } from "./stay-booking";

export function VenueRoute() {
  const { slug = HOME_VENUE } = useParams();
  const venue = useVenue(slug);
  if (venue.isPending) return <Loading>Loading the venue…</Loading>;
  if (venue.isError) {
    return (
      <>
        <title>Venue not available · Tessera</title>
        <Heading focusOnMount>Book a table</Heading>
        <LoadError error={venue.error} onRetry={() => venue.refetch()} />
      </>
    );
  }
  if (venue.data.kind === "hotel") return <StayBookingFlow key={slug} venue={venue.data} />;
  if (takesAppointments(venue.data)) return <AppointmentBookingFlow key={slug} venue={venue.data} />;
  if (takesReservations(venue.data)) return <ReservationVenue venue={venue.data} />;
  return <BookingFlow key={slug} venue={venue.data} />;
}

interface Taken {
  date: string;
  time: string;
}

/**
 * The visit being chosen lives in React state, written to the URL as it changes (so a reload or a
 * shared link keeps it) but read from it only on arrival: a control bound to the URL would be
 * re-rendered with the value before the navigation lands, undoing a fast typist's keys. The step
 * is the URL's, so Back and Forward move between the steps.
 */
function useBookingSteps(venue: Venue) {
  const [params, setParams] = useSearchParams();
  const [visit, setVisit] = useState<Visit>(() => ({
    date: params.get("date") ?? bookableDates(venue).first,
    partySize: Math.min(Math.max(Number(params.get("party")) || 2, 1), venue.max_party_size),
    time: params.get("time"),
  }));
  const step = params.get("step") === "details" && visit.time ? "details" : "choose";
  const go = (next: Visit, nextStep: "choose" | "details") => {
    setVisit(next);
    const search: Record<string, string> = { date: next.date, party: String(next.partySize) };
    if (next.time) search.time = next.time;
    if (nextStep === "details") search.step = "details";
    setParams(search, { replace: nextStep === step });
  };
  return { visit, step, go };
}

function BookingFlow({ venue }: { venue: Venue }) {
  const { visit, step, go } = useBookingSteps(venue);
  const [details, setDetails] = useState<Details>(EMPTY_DETAILS);
  const [serverErrors, setServerErrors] = useState<DetailsErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [problemKey, setProblemKey] = useState(0);
  const [timeError, setTimeError] = useState<string | undefined>();
  const [continueAttempts, setContinueAttempts] = useState(0);
  const [taken, setTaken] = useState<Taken | null>(null);
  const create = useCreateBooking();
  const client = useQueryClient();
  const navigate = useNavigate();

  const chooseVisit = (next: Visit) => {
    setTimeError(undefined);
    if (next.date !== taken?.date) setTaken(null);
    go(next, "choose");
  };

  const continueToDetails = (next: Visit = visit) => {
    if (dateProblem(next.date, bookableDates(venue)) || !next.time) {
      setTimeError(next.time ? undefined : "Choose a time");
      setContinueAttempts((n) => n + 1);
      return;
    }
    setProblem(null);
    go(next, "details");
  };

  const book = () => {
    const request = {
      venue: venue.slug,
      date: visit.date,
      time: visit.time!,
      party_size: visit.partySize,
      ...toBookingFields(details),
    };
    create.mutate(request, {
      onSuccess: (booking) => {
        navigate(`/bookings/${booking.reference}/confirmed`, {
          state: { booking, email: request.customer.email },
        });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === "slot_full") {
          setTaken({ date: visit.date, time: visit.time! });
          void client.invalidateQueries({ queryKey: availabilityKey(venue.slug) });
          go({ ...visit, time: null }, "choose");
          return;
        }
        const { byField, unplaced } = placeApiErrors(fieldErrors(error));
        setServerErrors(byField);
        setProblem(Object.keys(byField).length && !unplaced.length ? null : errorSentence(error));
        setProblemKey((key) => key + 1);
      },
    });
  };

  if (step === "details") {
    return (
      <>
        <title>{`Your details · Book a table · ${venue.name}`}</title>
        <Heading key="details" focusOnMount>
          Your details
        </Heading>
        <div className="mb-6 rounded bg-gray-100 p-4">
          <p className="text-lg font-semibold">
            {visit.partySize === 1 ? "Table for 1" : `Table for ${visit.partySize}`} at {venue.name}
          </p>
          <VisitTime venue={venue} visit={visit} />
          <button
            type="button"
            className="mt-2 font-semibold text-indigo-800 underline"
            onClick={() => go(visit, "choose")}
          >
            Change date, time or party size
          </button>
        </div>
        <DetailsForm
          venueName={venue.name}
          details={details}
          onChange={(next, field) => {
            setDetails(next);
            if (field in serverErrors) setServerErrors(({ [field as keyof DetailsErrors]: _, ...rest }) => rest);
          }}
          serverErrors={serverErrors}
          problem={problem}
          problemKey={problemKey}
          submitting={create.isPending}
          onSubmit={book}
        />
      </>
    );
  }

  return (
    <>
      <title>{`Book a table · ${venue.name}`}</title>
      <Heading key="choose" focusOnMount={!taken}>
        {venue.name}
      </Heading>
      <VenueDetails venue={venue} />
      <section aria-labelledby="book-title">
        <h2 id="book-title" className="mb-4 text-2xl font-bold">
          Book a table
        </h2>
        {taken && (
          <TakenAlternatives
            venue={venue}
            taken={taken}
            partySize={visit.partySize}
            onPick={(time) => continueToDetails({ ...visit, date: taken.date, time })}
          />
        )}
        {timeError && <ErrorSummary items={[{ fieldId: "visit-time", message: timeError }]} focusKey={continueAttempts} />}
        <VisitPicker venue={venue} visit={visit} onChange={chooseVisit} timeError={timeError} taken={taken} />
        <Button onClick={() => continueToDetails()}>Continue</Button>
      </section>
    </>
  );
}

function VisitTime({ venue, visit }: { venue: Venue; visit: Visit }) {
  const slots = useAvailability({ venue: venue.slug, date: visit.date, partySize: visit.partySize });
  const startsAt = slots.data?.find((slot) => slot.time === visit.time)?.starts_at;
  // The zone's abbreviation needs the instant; until the day's slots are known, the date and time alone.
  return <p>{startsAt ? formatVisit(startsAt, venue.timezone) : `${formatLongDate(visit.date)}, ${visit.time}`}</p>;
}

function TakenAlternatives({
  venue,
  taken,
  partySize,
  onPick,
}: {
  venue: Venue;
  taken: Taken;
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
      keptWhat="Your details are kept: choose another time and you will not need to type them again."
    />
  );
}
