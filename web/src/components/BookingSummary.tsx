import type { ReactNode } from "react";

/** A booking's facts as a summary list: what, when, who. */
export function BookingSummary({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="mb-6 divide-y divide-gray-300 border-y border-gray-300">
      {rows.map(([term, value]) => (
        <div key={term} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{term}</dt>
          <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
