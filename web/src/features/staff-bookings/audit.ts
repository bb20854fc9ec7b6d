/**
 * A booking's audit trail as sentences: who did what, in words ("You moved it from 19:00 to
 * 20:00"), never an action code or a JSON snapshot.
 */
import { occurrenceText, rangeOf, reservationOf, reservationText } from "../../lib/reservations";
import { formatLongDate } from "../../lib/time";
import { channelLabel, people } from "../../lib/staff-labels";

type Snapshot = Record<string, unknown> | null | undefined;

export interface AuditEntryLike {
  occurred_at: string;
  actor: Record<string, unknown>;
  action: string;
  before?: Snapshot;
  after?: Snapshot;
}

export interface AuditContext {
  /** The logged-in member of staff, who is "You". */
  meId: string;
  /** Cancellation reasons by id ("Weather"). */
  reasons: ReadonlyMap<number, string>;
}

export function actorName(actor: Record<string, unknown>, meId: string): string {
  switch (actor.type) {
    case "staff":
      if (actor.id === meId) return "You";
      return typeof actor.name === "string" && actor.name ? actor.name : "A member of staff";
    case "customer":
      return "The guest";
    case "api_key":
      return "An integration";
    case "system":
    case "platform":
      return "Tessera";
    default:
      return "Someone";
  }
}

const text = (snapshot: Snapshot, field: string): string | undefined => {
  const value = snapshot?.[field];
  return typeof value === "string" ? value : undefined;
};
const number = (snapshot: Snapshot, field: string): number | undefined => {
  const value = snapshot?.[field];
  return typeof value === "number" ? value : undefined;
};

function visit(snapshot: Snapshot, withDate: boolean): string {
  const time = text(snapshot, "time") ?? "";
  const date = text(snapshot, "date");
  return withDate && date ? `${time} on ${formatLongDate(date)}` : time;
}

/** An appointment's service and staff member, from event version 1.5 on; undefined for a table or a stay. */
function appointment(snapshot: Snapshot): { service: string; staff: string } | undefined {
  const found = snapshot?.appointment as { service_name?: unknown; staff?: { name?: unknown } } | null | undefined;
  if (!found || typeof found.service_name !== "string" || typeof found.staff?.name !== "string") return undefined;
  return { service: found.service_name, staff: found.staff.name };
}

/** A reservation's move, by its (first) range: "moved it to 11:00 to 13:00 (it was 10:00 to 12:00)". */
function reservationMove(before: Snapshot, after: Snapshot): string | undefined {
  const [was, is] = [reservationOf(before ?? {})?.occurrences[0], reservationOf(after ?? {})?.occurrences[0]];
  if (!was || !is || (was.start === is.start && was.end === is.end)) return undefined;
  const sameDay = was.start.slice(0, 10) === is.start.slice(0, 10);
  const say = sameDay ? rangeOf : occurrenceText;
  return `moved it to ${say(is)} (it was ${say(was)})`;
}

function changes(before: Snapshot, after: Snapshot): string[] {
  const said: string[] = [];
  const dateMoved = text(before, "date") !== text(after, "date");
  if (reservationOf(after ?? {})) {
    const moved = reservationMove(before, after);
    if (moved) said.push(moved);
  } else if (dateMoved || text(before, "time") !== text(after, "time")) {
    said.push(`moved it from ${visit(before, dateMoved)} to ${visit(after, dateMoved)}`);
  }
  const [was, is] = [appointment(before), appointment(after)];
  if (was && is && was.staff !== is.staff) said.push(`${said.length ? "" : "moved it "}from ${was.staff} to ${is.staff}`);
  const [from, to] = [number(before, "party_size"), number(after, "party_size")];
  if (from !== undefined && to !== undefined && from !== to) said.push(`changed the party from ${from} to ${people(to)}`);
  if ((before?.special_requests ?? null) !== (after?.special_requests ?? null)) said.push("changed the special requests");
  if ((before?.room_number ?? null) !== (after?.room_number ?? null)) said.push("changed the room number");
  return said;
}

const list = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;

export function auditSentence(entry: AuditEntryLike, context: AuditContext): string {
  const who = actorName(entry.actor, context.meId);
  const { before, after } = entry;
  switch (entry.action) {
    case "booking.created": {
      const channel = text(after, "channel");
      const how = channel ? ` (${channelLabel(channel).toLowerCase()})` : "";
      const reserved = reservationOf(after ?? {});
      if (reserved) return `${who} reserved ${reservationText(reserved)}${how}.`;
      const booked = appointment(after);
      if (booked) return `${who} booked ${booked.service} with ${booked.staff} at ${visit(after, true)}${how}.`;
      const party = number(after, "party_size");
      const details = [party ? `for ${people(party)}` : "", after ? `at ${visit(after, true)}` : ""].filter(Boolean).join(" ");
      return `${who} made the booking${details ? ` ${details}` : ""}${how}.`;
    }
    case "booking.updated": {
      const said = changes(before, after);
      return said.length ? `${who} ${list(said)}.` : `${who} changed the booking's details.`;
    }
    case "booking.cancelled": {
      const reason = context.reasons.get(number(after, "cancellation_reason_id") ?? -1);
      return `${who} cancelled the booking${reason ? `, giving the reason “${reason}”` : ""}.`;
    }
    case "booking.completed":
      // A reservation is completed by Tessera once its last date has passed, or marked so by staff.
      return reservationOf(after ?? {}) ? `${who} marked it as completed.` : `${who} marked the guests as arrived.`;
    case "booking.no_show":
      return `${who} marked the booking as a no-show.`;
    case "booking.reminder_due":
      return "Tessera sent the guest a reminder.";
    case "booking.confirmed":
      return "The booking was confirmed.";
    case "booking.expired":
      return "The booking expired before it was paid for.";
    default:
      return `${who} changed the booking.`;
  }
}
