/**
 * An appointment booked at a clinic's or salon's desk, in person or on the phone: a service, a member of
 * staff or anyone available, a date and one of the day's free times (the customer's pickers, worded for
 * the desk), and as much of the customer as they give. Booked as the member of staff logged in.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { SelectField } from "../../../components/Field";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useServices, useStaffMembers } from "../../../features/appointments/api/catalogue";
import { appointmentSearchKey } from "../../../features/appointments/api/search-appointments";
import { appointmentDates, performersOf, serviceFacts, type AppointmentChoice } from "../../../features/appointments/appointment-rules";
import { AppointmentPicker, useAppointmentChoice } from "../../../features/appointments/components/AppointmentPicker";
import { TakenAppointment } from "../../../features/appointments/components/TakenAppointment";
import { useCreateStaffBooking } from "../../../features/staff-bookings/api/bookings";
import { ChannelField, GuestFields, useGuestForm } from "../../../features/staff-bookings/components/GuestFields";
import {
  guestProblems,
  guestSummaryItems,
  placeGuestErrors,
  toStaffAppointmentRequest,
  type Channel,
} from "../../../features/staff-bookings/guest";
import { ApiError } from "../../../lib/api-client";
import { errorSentence, fieldErrors } from "../../../lib/error-messages";
import { staffPath, useStaffVenue } from "./context";

const TAKEN = new Set(["staff_unavailable", "resource_unavailable"]);

export function NewAppointmentPage() {
  const { venue } = useStaffVenue();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const services = useServices(venue.slug);
  const staff = useStaffMembers(venue.slug);
  const [channel, setChannel] = useState<Channel>(params.get("channel") === "phone" ? "phone" : "walk_in");
  const [code, setCode] = useState("");
  const { choice, setChoice, taken, setTaken, timeError, setTimeError, change, refuse } = useAppointmentChoice({ staff: null, date: "", time: null });
  const { guest, problems, setProblems, fields: guestFields } = useGuestForm();
  const [serviceError, setServiceError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const create = useCreateStaffBooking(venue.slug);
  const service = services.data?.find((each) => each.code === code);

  const submit = (event?: FormEvent, next: AppointmentChoice = choice) => {
    event?.preventDefault();
    setAttempt((n) => n + 1);
    setProblem(null);
    const found = guestProblems(guest);
    setProblems(found);
    setServiceError(service ? undefined : "Choose a service");
    const noTime = service && !next.time ? "Choose a time" : undefined;
    setTimeError(noTime);
    if (!service || noTime || Object.keys(found).length) return;
    const request = toStaffAppointmentRequest(venue.slug, { service: service.code, date: next.date, time: next.time!, staff: next.staff }, channel, guest);
    create.mutate(request, {
      onSuccess: (booking) => {
        void client.invalidateQueries({ queryKey: appointmentSearchKey(venue.slug) });
        navigate(`${staffPath(venue.slug, `bookings/${booking.reference}`)}?added=1`);
      },
      onError: (error) => {
        void client.invalidateQueries({ queryKey: appointmentSearchKey(venue.slug) });
        if (error instanceof ApiError && TAKEN.has(error.code)) {
          refuse({ ...next, time: next.time! });
          return;
        }
        const { byField, unplaced } = placeGuestErrors(fieldErrors(error));
        setProblems(byField);
        setProblem(Object.keys(byField).length && !unplaced.length ? null : errorSentence(error, "appointment"));
      },
    });
  };

  const items: SummaryItem[] = [
    ...(serviceError ? [{ fieldId: "new-service", message: serviceError }] : []),
    ...(timeError ? [{ fieldId: "new-time", message: timeError }] : []),
    ...guestSummaryItems(problems),
  ];

  return (
    <>
      <title>{`New appointment · ${venue.name}`}</title>
      <Heading focusOnMount={!taken}>New appointment</Heading>
      <p className="mb-6">An appointment booked at the desk or on the phone at {venue.name}, for the customer.</p>
      {taken && service && (
        <TakenAppointment
          venue={venue.slug}
          service={service.code}
          taken={taken}
          why="Someone else booked that time meanwhile."
          keptWhat="What you typed is kept: choose another time."
          onPick={(time) => {
            const next = { ...choice, date: taken.date, staff: taken.staff, time };
            setChoice(next);
            submit(undefined, next);
          }}
        />
      )}
      {(items.length > 0 || problem) && <ErrorSummary items={items} description={problem ?? undefined} focusKey={attempt} />}
      {services.isPending ? (
        <Loading>Loading the services…</Loading>
      ) : services.isError ? (
        <LoadError error={services.error} onRetry={() => services.refetch()} />
      ) : (
        <form noValidate onSubmit={submit}>
          <ChannelField channel={channel} onChange={setChannel} />
          <div className="sm:w-2/3">
            <SelectField
              id="new-service"
              label="Service"
              error={serviceError}
              value={code}
              onChange={(event) => {
                const chosen = services.data.find((each) => each.code === event.target.value);
                setCode(event.target.value);
                setServiceError(undefined);
                setTaken(null);
                setChoice({ staff: null, time: null, date: chosen ? appointmentDates({ ...chosen, timezone: venue.timezone }).first : "" });
              }}
            >
              <option value="">Choose a service</option>
              {services.data.map((each) => (
                <option key={each.code} value={each.code}>
                  {`${each.name} (${serviceFacts(each)})`}
                </option>
              ))}
            </SelectField>
          </div>
          {service && (
            <AppointmentPicker
              key={service.code}
              idPrefix="new"
              audience="desk"
              venue={venue}
              service={service}
              performers={performersOf(service, staff.data)}
              choice={choice}
              taken={taken}
              timeError={timeError}
              onChange={change}
            />
          )}
          <GuestFields {...guestFields} />
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Booking…" : "Book the appointment"}
          </Button>
        </form>
      )}
    </>
  );
}
