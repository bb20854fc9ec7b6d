/**
 * An appointment moved to another date, time or member of staff, by the customer on their booking's
 * page or by the desk on the staff's: the booking's own times (its own time, and the times that overlap
 * it, offered: the move may reuse what it holds), and only what changes is sent. The API takes the new
 * time before letting the old one go, so the appointment is never held twice or lost.
 */
import { useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { ApiError } from "../../../lib/api-client";
import { formatAppointment, type Appointment } from "../../../lib/appointments";
import { errorSentence } from "../../../lib/error-messages";
import { useServices, useStaffMembers } from "../api/catalogue";
import { appointmentSearchKey, type MovingBooking } from "../api/search-appointments";
import {
  appointmentChange,
  appointmentDates,
  dateProblem,
  performersOf,
  type AppointmentChoice,
  type BookingChange,
} from "../appointment-rules";
import { AppointmentPicker, useAppointmentChoice } from "./AppointmentPicker";
import { TakenAppointment } from "./TakenAppointment";

const WORDS = {
  customer: {
    heading: "Change your appointment",
    now: "Your appointment stays as it is until you save a new time. It is now",
    unchanged: "Choose a different date, time or person",
    why: "Someone else booked that time while you were choosing it.",
    kept: "Your appointment is unchanged. Choose one of these times, or another below.",
    save: "Save the change",
    withdrawn: (service: string, venue: string) =>
      `${service} is no longer booked online, so this appointment cannot be moved here. Cancel it and book again, or call ${venue}.`,
  },
  desk: {
    heading: "Move this appointment",
    now: "It stays as it is until you save the move. It is now",
    unchanged: "Choose a different date, time or member of staff",
    why: "Someone else booked that time meanwhile.",
    kept: "The appointment is unchanged. Choose another time.",
    save: "Save the move",
    withdrawn: (service: string) =>
      `${service} is no longer offered, so this appointment cannot be moved to another time. Cancel it, or offer the service again first.`,
  },
} as const;

interface Props {
  booking: { reference: string; date: string; time: string; starts_at: string; ends_at: string };
  appointment: Appointment;
  venue: { slug: string; name: string; timezone: string };
  /** Who moves it: the customer, or the venue's desk for them. */
  audience: "customer" | "desk";
  /** How the booking's own times are asked (the customer's link or e-mail, or the staff's session). */
  moving: MovingBooking;
  /** The booking's move (PATCH), as the page's own API layer sends it. */
  move: Pick<UseMutationResult<unknown, Error, BookingChange>, "mutate" | "isPending">;
  onDone: () => void;
  onBack: () => void;
  /** A refusal that is not a taken time (the booking changed elsewhere, say): the page may read the booking again. */
  onRefused?: (error: Error) => void;
}

export function AppointmentMove({ booking, appointment, venue, audience, moving, move, onDone, onBack, onRefused }: Props) {
  const words = WORDS[audience];
  const services = useServices(venue.slug);
  const staff = useStaffMembers(venue.slug);
  const client = useQueryClient();
  const booked = { date: booking.date, time: booking.time, staff: appointment.staff.id };
  const { choice, setChoice, taken, timeError, setTimeError, change, refuse } = useAppointmentChoice({
    date: booking.date,
    time: null,
    staff: appointment.staff.id,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const service = services.data?.find((each) => each.code === appointment.service);

  const save = (next: AppointmentChoice = choice) => {
    setAttempt((n) => n + 1);
    setProblem(null);
    if (!service) return;
    if (dateProblem(next.date, appointmentDates({ ...service, timezone: venue.timezone })) || !next.time) {
      return setTimeError("Choose a time");
    }
    const moved = appointmentChange(booked, next);
    if (Object.keys(moved).length === 0) return setTimeError(words.unchanged);
    setTimeError(undefined);
    move.mutate(moved, {
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: appointmentSearchKey(venue.slug) });
        onDone();
      },
      onError: (error) => {
        void client.invalidateQueries({ queryKey: appointmentSearchKey(venue.slug) });
        if (error instanceof ApiError && (error.code === "staff_unavailable" || error.code === "resource_unavailable")) {
          refuse({ ...next, time: next.time! });
          return;
        }
        onRefused?.(error);
        setProblem(errorSentence(error, "appointment"));
      },
    });
  };

  return (
    <section aria-labelledby="move-title" className="mt-2">
      <Heading level={2} id="move-title" focusOnMount={!taken}>
        {words.heading}
      </Heading>
      <p className="mb-4">
        {words.now} {formatAppointment(booking.starts_at, booking.ends_at, venue.timezone)}, with {appointment.staff.name}.
      </p>
      {services.isPending ? (
        <Loading>Loading the appointment's times…</Loading>
      ) : services.isError ? (
        <LoadError error={services.error} onRetry={() => services.refetch()} />
      ) : !service ? (
        <p role="alert" className="mb-4">
          {words.withdrawn(appointment.service_name, venue.name)}
        </p>
      ) : (
        <>
          {taken && (
            <TakenAppointment
              venue={venue.slug}
              service={service.code}
              taken={taken}
              moving={moving}
              why={words.why}
              keptWhat={words.kept}
              onPick={(time) => {
                const next = { ...choice, date: taken.date, staff: taken.staff, time };
                setChoice(next);
                save(next);
              }}
            />
          )}
          {(timeError || problem) && (
            <ErrorSummary
              items={timeError ? [{ fieldId: "move-time", message: timeError }] : []}
              description={problem ?? undefined}
              focusKey={attempt}
            />
          )}
          <AppointmentPicker
            idPrefix="move"
            audience={audience}
            venue={venue}
            service={service}
            performers={performersOf(service, staff.data)}
            choice={choice}
            currentStaff={appointment.staff.id}
            moving={moving}
            taken={taken}
            timeError={timeError}
            onChange={change}
          />
        </>
      )}
      <div className="flex flex-wrap gap-3">
        {service && (
          <Button onClick={() => save()} disabled={move.isPending}>
            {move.isPending ? "Saving…" : words.save}
          </Button>
        )}
        <Button variant="secondary" onClick={onBack}>
          Keep it as it is
        </Button>
      </div>
    </section>
  );
}
