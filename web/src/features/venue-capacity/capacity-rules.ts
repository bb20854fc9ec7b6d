/** A slot's capacity as typed, checked as the API checks it; only what changes is sent. */
import type { SlotChange } from "./api/slots";

export const MAX_CAPACITY = 10000;

export function capacityProblem(typed: string, time: string): string | undefined {
  const text = typed.trim();
  if (!text) return `Enter the capacity at ${time}, in covers`;
  if (!/^\d+$/.test(text)) return `The capacity at ${time} must be a whole number, like 20`;
  if (Number(text) > MAX_CAPACITY) return `The capacity at ${time} must be ${MAX_CAPACITY} or fewer`;
  return undefined;
}

export function slotChange(slot: { capacity: number; is_open: boolean }, typed: { capacity: string; open: boolean }): SlotChange {
  const change: SlotChange = {};
  const capacity = Number(typed.capacity.trim());
  if (capacity !== slot.capacity) change.capacity = capacity;
  if (typed.open !== slot.is_open) change.is_open = typed.open;
  return change;
}

/** The API's refusal to go below what is booked, with its numbers when it gives them. */
export function belowHeldText(time: string, details: Record<string, unknown>): string {
  const booked = typeof details.booked === "number" ? details.booked : undefined;
  return booked === undefined
    ? `The capacity at ${time} cannot be below the covers already booked`
    : `The capacity at ${time} cannot be below the ${booked === 1 ? "1 cover" : `${booked} covers`} already booked`;
}
