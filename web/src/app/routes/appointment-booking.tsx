/**
 * Booking an appointment (the venue page of a clinic or salon): a service (service), then who, which
 * day and what time (when), then the customer's details (details); a booking made goes on to its
 * confirmation. The choice and the step are in the URL (`?service=&staff=&date=&time=&step=details`),
 * so Back works; the details live here, so they survive going back to choose another time or service.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Heading } from "../../components/Heading";
import { Loading, LoadError } from "../../components/Status";
import { useServices, useStaffMembers, type Service } from "../../features/appointments/api/catalogue";
import { appointmentSearchKey, useAppointmentSearch } from "../../features/appointments/api/search-appointments";
import {
  appointmentDates,
  dateProblem,
  performersOf,
  placesLeftText,
  readStaff,
  serviceFacts,
  staffParam,
  type AppointmentChoice,
  type Performer,
} from "../../features/appointments/appointment-rules";
import { AppointmentPicker, type Taken } from "../../features/appointments/components/AppointmentPicker";
import { ClinicDetails } from "../../features/appointments/components/ClinicDetails";
import { ServiceList } from "../../features/appointments/components/ServiceList";
import { TakenAppointment } from "../../features/appointments/components/TakenAppointment";
import { useCreateBooking } from "../../features/bookings/api/create-booking";
import { DetailsForm } from "../../features/bookings/components/DetailsForm";
import { EMPTY_DETAILS, placeApiErrors, toBookingFields, type Details, type DetailsErrors } from "../../features/bookings/details-rules";
import type { Venue } from "../../features/venues/api/get-venue";
import { ApiError } from "../../lib/api-client";
import { formatAppointment } from "../../lib/appointments";
import { errorSentence, fieldErrors } from "../../lib/error-messages";
import { formatLongDate } from "../../lib/time";

/** Refusals that mean the time is gone: back to that day's fresh times, the taken one not offered. */
const TAKEN = new Set(["staff_unavailable", "resource_unavailable", "class_full"]);
/** Refusals of the choice itself (too soon now, no longer performed or offered): back to choose, with a sentence. */
const CHOOSE_AGAIN = new Set(["appointment_not_bookable", "staff_not_for_service", "staff_not_found", "service_not_found"]);

export function AppointmentBookingFlow({ venue }: { venue: Venue }) {
  const services = useServices(venue.slug);
  const [params, setParams] = useSearchParams();
  // The details live above the steps: going back to another service or time keeps what was typed.
  const [details, setDetails] = useState<Details>(EMPTY_DETAILS);
  const code = params.get("service");
  const service = services.data?.find((each) => each.code === code) ?? null;

  if (service) return <AppointmentSteps key={service.code} venue={venue} service={service} details={details} onDetails={setDetails} />;
  return (
    <>
      <title>{`Book an appointment · ${venue.name}`}</title>
      <Heading key="service" focusOnMount>
        {venue.name}
      </Heading>
      <ClinicDetails venue={venue} />
      <section aria-labelledby="book-title">
        <h2 id="book-title" className="mb-4 text-2xl font-bold">
          Book an appointment
        </h2>
        {services.isPending ? (
          <Loading>Loading what you can book…</Loading>
        ) : services.isError ? (
          <LoadError error={services.error} onRetry={() => services.refetch()} />
        ) : (
          <>
            {code && (
              <p role="alert" className="mb-4 rounded border-l-8 border-amber-500 bg-amber-50 p-4 text-gray-900">
                That service is not offered online any more. Please choose one of these.
              </p>
            )}
            <p className="mb-4">Choose what you would like to book.</p>
            <ServiceList
              services={services.data}
              onChoose={(chosen) => {
                const search = { service: chosen.code, staff: "any", date: appointmentDates({ ...chosen, timezone: venue.timezone }).first };
                setParams(search);
              }}
            />
          </>
        )}
      </section>
    </>
  );
}

/**
 * The choice lives in React state, written to the URL as it changes (so a reload or a shared link
 * keeps it) but read from it only on arrival, as the table's steps do: a control bound to the URL
 * would be re-rendered with the value before the navigation lands, undoing a fast typist's keys.
 */
function useAppointmentSteps(venue: Venue, service: Service) {
  const [params, setParams] = useSearchParams();
  const [choice, setChoice] = useState<AppointmentChoice>(() => ({
    staff: readStaff(params.get("staff")),
    date: params.get("date") ?? appointmentDates({ ...service, timezone: venue.timezone }).first,
    time: params.get("time"),
  }));
  const step = params.get("step") === "details" && choice.time ? "details" : "when";
  const go = (next: AppointmentChoice, nextStep: "when" | "details") => {
    setChoice(next);
    const search: Record<string, string> = { service: service.code, staff: staffParam(next.staff), date: next.date };
    if (next.time) search.time = next.time;
    if (nextStep === "details") search.step = "details";
    setParams(search, { replace: nextStep === step });
  };
  return { choice, step, go, back: () => setParams({}) };
}

function AppointmentSteps({
  venue,
  service,
  details,
  onDetails,
}: {
  venue: Venue;
  service: Service;
  details: Details;
  onDetails: (details: Details) => void;
}) {
  const { choice, step, go, back } = useAppointmentSteps(venue, service);
  const staff = useStaffMembers(venue.slug);
  const performers = performersOf(service, staff.data);
  const [serverErrors, setServerErrors] = useState<DetailsErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [problemKey, setProblemKey] = useState(0);
  const [timeError, setTimeError] = useState<string | undefined>();
  const [continueAttempts, setContinueAttempts] = useState(0);
  const [taken, setTaken] = useState<Taken | null>(null);
  const [chooseProblem, setChooseProblem] = useState<{ sentence: string; key: number } | null>(null);
  const create = useCreateBooking();
  const client = useQueryClient();
  const navigate = useNavigate();
  const range = appointmentDates({ ...service, timezone: venue.timezone });
  const takenWith = performers.find((each) => each.id === taken?.staff);
  const isClass = service.capacity > 1;

  const choose = (next: AppointmentChoice) => {
    setTimeError(undefined);
    if (next.date !== taken?.date || next.staff !== choice.staff) setTaken(null);
    go(next, "when");
  };

  const continueToDetails = (next: AppointmentChoice = choice) => {
    if (dateProblem(next.date, range) || !next.time) {
      setTimeError(next.time ? undefined : "Choose a time");
      setContinueAttempts((n) => n + 1);
      return;
    }
    setProblem(null);
    setChooseProblem(null);
    go(next, "details");
  };

  const book = () => {
    const request = {
      kind: "appointment" as const,
      venue: venue.slug,
      service: service.code,
      date: choice.date,
      time: choice.time!,
      staff: choice.staff,
      ...toBookingFields(details),
    };
    create.mutate(request, {
      onSuccess: (booking) => {
        navigate(`/bookings/${booking.reference}/confirmed`, {
          state: { booking, email: request.customer.email, anyone: choice.staff === null },
        });
      },
      onError: (error) => {
        if (error instanceof ApiError && (TAKEN.has(error.code) || CHOOSE_AGAIN.has(error.code))) {
          void client.invalidateQueries({ queryKey: appointmentSearchKey(venue.slug) });
          if (TAKEN.has(error.code)) {
            setTaken({ date: choice.date, time: choice.time!, staff: choice.staff });
            setChooseProblem(null);
          } else {
            setTaken(null);
            setChooseProblem({ sentence: errorSentence(error, "appointment"), key: Date.now() });
          }
          go({ ...choice, time: null }, "when");
          return;
        }
        const { byField, unplaced } = placeApiErrors(fieldErrors(error));
        setServerErrors(byField);
        setProblem(Object.keys(byField).length && !unplaced.length ? null : errorSentence(error, "appointment"));
        setProblemKey((key) => key + 1);
      },
    });
  };

  if (step === "details") {
    return (
      <>
        <title>{`Your details · Book an appointment · ${venue.name}`}</title>
        <Heading key="details" focusOnMount>
          Your details
        </Heading>
        <ChosenAppointment venue={venue} service={service} performers={performers} choice={choice} onChange={() => go(choice, "when")} />
        <DetailsForm
          venueName={venue.name}
          details={details}
          onChange={(next, field) => {
            onDetails(next);
            if (field in serverErrors) setServerErrors(({ [field as keyof DetailsErrors]: _, ...rest }) => rest);
          }}
          serverErrors={serverErrors}
          problem={problem}
          problemKey={problemKey}
          submitting={create.isPending}
          onSubmit={book}
          submitLabel={isClass ? "Book a place" : "Book this appointment"}
          requestsExamples="Anything the venue should know before you come, like access needs"
        />
      </>
    );
  }

  return (
    <>
      <title>{`${service.name} · Book an appointment · ${venue.name}`}</title>
      <PageTitle key="when" focus={!taken && !chooseProblem}>
        {service.name}
      </PageTitle>
      <div className="mb-6 rounded bg-gray-100 p-4">
        <p className="text-lg font-semibold">At {venue.name}</p>
        <p>{serviceFacts(service)}</p>
        {service.description && <p className="text-gray-700">{service.description}</p>}
        <button type="button" className="mt-2 font-semibold text-indigo-800 underline" onClick={back}>
          Choose another service
        </button>
      </div>
      {taken && (
        <TakenAppointment
          venue={venue.slug}
          service={service.code}
          taken={taken}
          why={
            isClass
              ? "Someone else took the last place in the class at that time while you were booking."
              : takenWith
                ? `Someone else booked ${takenWith.name} at that time while you were booking.`
                : "Someone else booked the last free time then while you were booking."
          }
          keptWhat="Your details are kept: choose another time and you will not need to type them again."
          onPick={(time) => continueToDetails({ ...choice, date: taken.date, staff: taken.staff, time })}
        />
      )}
      {chooseProblem && <ErrorSummary id="choose-error-summary" description={chooseProblem.sentence} focusKey={chooseProblem.key} />}
      {timeError && <ErrorSummary items={[{ fieldId: "appointment-time", message: timeError }]} focusKey={continueAttempts} />}
      <AppointmentPicker
        venue={venue}
        service={service}
        performers={performers}
        choice={choice}
        onChange={choose}
        timeError={timeError}
        taken={taken}
      />
      <Button onClick={() => continueToDetails()}>Continue</Button>
    </>
  );
}

/** The page's heading, focused if it should be when it appears, and not later when a notice above the times goes. */
function PageTitle({ focus, children }: { focus: boolean; children: string }) {
  const [atMount] = useState(focus);
  return <Heading focusOnMount={atMount}>{children}</Heading>;
}

/** The service, who and when chosen, above the customer's details. */
function ChosenAppointment({
  venue,
  service,
  performers,
  choice,
  onChange,
}: {
  venue: Venue;
  service: Service;
  performers: Performer[];
  choice: AppointmentChoice;
  onChange: () => void;
}) {
  const search = useAppointmentSearch({ venue: venue.slug, service: service.code, date: choice.date, staff: choice.staff });
  const slot = search.data?.slots.find((each) => each.time === choice.time);
  const member = performers.find((each) => each.id === choice.staff);
  const isClass = service.capacity > 1;
  return (
    <div className="mb-6 rounded bg-gray-100 p-4">
      <p className="text-lg font-semibold">
        {isClass ? "A place in " : ""}
        {service.name} {member ? `with ${member.name}` : "with anyone available"} at {venue.name}
      </p>
      {/* The zone's abbreviation needs the instant; until the day's times are known, the date and time alone. */}
      <p>{slot ? formatAppointment(slot.starts_at, slot.ends_at, venue.timezone) : `${formatLongDate(choice.date)}, ${choice.time}`}</p>
      <p>{serviceFacts(service)}</p>
      {slot && placesLeftText(slot) && <p>{placesLeftText(slot)}</p>}
      {!member && !isClass && <p className="mt-1">Whoever is free then will see you: your confirmation will say who.</p>}
      {!member && isClass && <p className="mt-1">Your confirmation will say who leads the class.</p>}
      <button type="button" className="mt-2 font-semibold text-indigo-800 underline" onClick={onChange}>
        Change who, the date or the time
      </button>
    </div>
  );
}
