/** How the staff pages name a booking's status and the way it was made. */

export const STATUS_LABELS: Record<string, string> = {
  confirmed: "Confirmed",
  pending: "Waiting for payment",
  cancelled: "Cancelled",
  completed: "Arrived",
  no_show: "No-show",
  expired: "Expired unpaid",
};

export const CHANNEL_LABELS: Record<string, string> = {
  walk_in: "Walk-in",
  phone: "Phone",
  api: "Online",
  web: "Online",
  consumerapi: "Online (partner)",
};

/** A stay's statuses as the front desk says them. */
export const STAY_STATUS_LABELS: Record<string, string> = {
  ...STATUS_LABELS,
  checked_in: "In house",
  completed: "Checked out",
};

/** A reservation is completed when its last date has passed (no one "arrives" at a 3D printer). */
export const RESERVATION_STATUS_LABELS: Record<string, string> = { ...STATUS_LABELS, completed: "Completed" };

export const statusLabel = (status: string, kind?: string) =>
  (kind === "stay" ? STAY_STATUS_LABELS : kind === "reservation" ? RESERVATION_STATUS_LABELS : STATUS_LABELS)[status] ?? "Other";

/** A channel the app does not know ("email_import") is shown as words ("Email import"), never as a code. */
export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return "Not recorded";
  const known = CHANNEL_LABELS[channel];
  if (known) return known;
  const words = channel.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Not recorded";
}

export const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);
