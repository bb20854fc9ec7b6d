import { statusLabel } from "../lib/staff-labels";

const COLOURS: Record<string, string> = {
  confirmed: "border-green-800 bg-green-50 text-green-900",
  pending: "border-amber-700 bg-amber-50 text-amber-900",
  completed: "border-blue-800 bg-blue-50 text-blue-900",
  checked_in: "border-indigo-800 bg-indigo-50 text-indigo-900",
  no_show: "border-red-800 bg-red-50 text-red-900",
  cancelled: "border-gray-600 bg-gray-100 text-gray-900",
  expired: "border-gray-600 bg-gray-100 text-gray-900",
};

/** A booking's status in words (a stay's as the front desk says them), in a coloured box (the colour is never the only sign). */
export function StatusBadge({ status, kind }: { status: string; kind?: string }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${COLOURS[status] ?? COLOURS.cancelled}`}>
      {statusLabel(status, kind)}
    </span>
  );
}
