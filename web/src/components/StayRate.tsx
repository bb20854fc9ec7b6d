/** A stay's rate in a booking's summary: the plan's name, and whether it refunds as a note under it. */
import { rateOf, type Stay } from "../lib/stays";

export function StayRate({ stay }: { stay: Pick<Stay, "rate_plan" | "rate_plan_name" | "refundable"> }) {
  const { name, note } = rateOf(stay);
  return (
    <>
      {name}
      {note && <span className="block text-gray-700">{note}</span>}
    </>
  );
}
