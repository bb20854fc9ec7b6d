/**
 * A clinic's or salon's day, as its staff run it: each member of staff with their appointments in
 * time order (a member with none that day too, so the desk sees who is free), a class's bookings
 * together as its session with its attendees, the appointments of someone no longer on the list
 * after them, and the cancelled ones apart. Pure.
 */
import { appointmentOf, classOf } from "../../lib/appointments";
import { RELEASED, type SheetBooking } from "./day-sheet";

export interface DayBooking extends SheetBooking {
  starts_at: string;
  appointment?: unknown;
}

export interface Member {
  id: number;
  name: string;
  description?: string | null;
}

export interface MemberDay<B> {
  member: Member;
  bookings: B[];
}

export interface AppointmentDay<B> {
  members: MemberDay<B>[];
  /** Held bookings that are not appointments (a table booked at a clinic through the API): listed, never lost. */
  others: B[];
  /** Cancelled and expired: their time is free again. */
  released: B[];
  totals: { appointments: number };
}

const byStart = (a: { starts_at: string }, b: { starts_at: string }) => a.starts_at.localeCompare(b.starts_at);

export function groupAppointments<B extends DayBooking>(bookings: B[], staff: Member[]): AppointmentDay<B> {
  const held = bookings.filter((booking) => !RELEASED.has(booking.status));
  const days = new Map<number, MemberDay<B>>(staff.map((member) => [member.id, { member, bookings: [] }]));
  const others: B[] = [];
  for (const booking of held) {
    const appointment = appointmentOf(booking);
    if (!appointment) {
      others.push(booking);
      continue;
    }
    let day = days.get(appointment.staff.id);
    if (!day) {
      // Someone no longer on the public list (left, or taken off it): their appointments still show.
      day = { member: { id: appointment.staff.id, name: appointment.staff.name }, bookings: [] };
      days.set(appointment.staff.id, day);
    }
    day.bookings.push(booking);
  }
  const members = [...days.values()].map((day) => ({ ...day, bookings: day.bookings.sort(byStart) }));
  return {
    members,
    others: others.sort(byStart),
    released: bookings.filter((booking) => RELEASED.has(booking.status)).sort(byStart),
    totals: { appointments: held.length - others.length },
  };
}

/** One line of a member's day: one person's appointment, or a class session with everyone booked into it. */
export type DayEntry<B> =
  | { kind: "appointment"; booking: B }
  | { kind: "class"; session: number; serviceName: string; startsAt: string; endsAt: string; capacity: number; taken: number; bookings: B[] };

/** A member's bookings (in time order) as the day sheet lists them: a class's bookings as one entry per session. */
export function dayEntries<B extends DayBooking & { ends_at: string; party_size: number }>(bookings: B[]): DayEntry<B>[] {
  const entries: DayEntry<B>[] = [];
  const sessions = new Map<number, Extract<DayEntry<B>, { kind: "class" }>>();
  for (const booking of bookings) {
    const appointment = appointmentOf(booking);
    const places = appointment ? classOf(appointment) : null;
    const session = (appointment?.class_session as { id?: number } | null | undefined)?.id;
    if (!appointment || !places || typeof session !== "number") {
      entries.push({ kind: "appointment", booking });
      continue;
    }
    let entry = sessions.get(session);
    if (!entry) {
      entry = {
        kind: "class",
        session,
        serviceName: appointment.service_name,
        startsAt: booking.starts_at,
        endsAt: booking.ends_at,
        capacity: places.capacity,
        taken: 0,
        bookings: [],
      };
      sessions.set(session, entry);
      entries.push(entry);
    }
    entry.bookings.push(booking);
    entry.taken += booking.party_size;
  }
  return entries;
}

export const appointmentsText = (count: number) => (count === 1 ? "1 appointment" : `${count} appointments`);
