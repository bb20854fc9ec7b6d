/** A hotel's report for a range of nights (this week unless the address says otherwise): occupancy, ADR and RevPAR
 * for the range, night by night and by room type, and revenue by kind of line. */
import { useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useRoomTypeName } from "../../../features/front-desk/api/front-desk";
import { useStayReport } from "../../../features/stay-reports/api/report";
import { ReportRangeForm } from "../../../features/stay-reports/components/ReportRangeForm";
import { FiguresTable, OccupancyGrid, ReportSummary, RevenueByKind } from "../../../features/stay-reports/components/ReportTables";
import { nightLabel, presets, rangeProblems, rangeRefusal, readRange, type ReportRange } from "../../../features/stay-reports/report";
import { ApiError } from "../../../lib/api-client";
import { fieldErrors, isTransient } from "../../../lib/error-messages";
import { nightsBetween, nightsText, stayDateSpan } from "../../../lib/stays";
import { venueDate } from "../../../lib/time";
import { staffPath, useStaffVenue } from "./context";

export function ReportsPage() {
  const { venue } = useStaffVenue();
  if (venue.kind !== "hotel") return <Navigate to={staffPath(venue.slug)} replace />;
  return <Reports />;
}

const query = (range: ReportRange) => `?from=${range.from}&to=${range.to}`;

/** A hotel that sells nothing yet has no report (the API's 422 then is not about the range). */
const sellsNothing = (error: unknown) => error instanceof ApiError && error.code === "rate_plan_not_on_sale";

function Reports() {
  const { venue } = useStaffVenue();
  const [params, setParams] = useSearchParams();
  // After a range is applied, focus moves to what it found (as the bookings list's results do).
  const [applied, setApplied] = useState(0);
  const today = venueDate(new Date(), venue.timezone);
  const range = readRange(params, today);
  const valid = Object.keys(rangeProblems(range)).length === 0;
  const report = useStayReport(venue.slug, range, valid);
  const roomTypeName = useRoomTypeName(venue.slug);
  const refused = rangeRefusal(fieldErrors(report.error));
  const refusedRange = Object.keys(refused).length > 0;
  const nights = valid ? nightsBetween(range.from, range.to) + 1 : 0;

  return (
    <>
      <title>{`Reports · ${venue.name}`}</title>
      <Heading focusOnMount>Reports</Heading>
      <p className="mb-4 text-lg">
        {venue.name}
        {/* The nights shown, once the API takes them (not a range it refused). */}
        {valid && nights > 0 && !refusedRange && (
          <>
            {" "}
            · the nights of <strong>{stayDateSpan({ arrival: range.from, departure: range.to })}</strong> ({nightsText(nights)})
          </>
        )}
      </p>
      <ReportRangeForm
        key={params.toString()}
        initial={range}
        onApply={(next) => {
          setApplied((n) => n + 1);
          setParams({ from: next.from, to: next.to });
        }}
        serverProblems={valid ? refused : rangeProblems(range)}
        serverKey={report.errorUpdatedAt}
      />
      <ul aria-label="Quick ranges" className="mb-6 flex flex-wrap gap-x-5 gap-y-2">
        {presets(today).map(({ label, range: preset }) => (
          <li key={label}>
            <Link
              to={query(preset)}
              aria-current={preset.from === range.from && preset.to === range.to ? "true" : undefined}
              className="font-semibold text-indigo-800 underline aria-[current=true]:text-gray-900 aria-[current=true]:no-underline"
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
      {!valid || refusedRange ? null : report.isPending ? (
        <Loading>Working out the report…</Loading>
      ) : report.isError ? (
        sellsNothing(report.error) ? (
          <p role="alert" className="mb-6 rounded border-l-8 border-amber-500 bg-amber-50 p-4">
            The hotel sells no stays yet, so there is nothing to report: add a rate plan first.
          </p>
        ) : (
          <LoadError error={report.error} onRetry={isTransient(report.error) ? () => report.refetch() : undefined} />
        )
      ) : (
        <>
          <section aria-labelledby="summary-title">
            <Heading key={applied} level={2} id="summary-title" focusOnMount={applied > 0}>
              The range
            </Heading>
            <ReportSummary total={report.data.total} />
          </section>
          <section aria-labelledby="nights-title">
            <Heading level={2} id="nights-title">
              Night by night
            </Heading>
            <FiguresTable
              id="nights"
              caption={`Each night's rooms sold, occupancy and room revenue, all room types together, ${stayDateSpan({ arrival: range.from, departure: range.to })}`}
              first="Night"
              rows={report.data.days.map((day) => ({ key: day.date, label: nightLabel(day.date), figures: day.total }))}
              total={{ label: "All nights", figures: report.data.total }}
            />
            <OccupancyGrid report={report.data} roomTypeName={roomTypeName} />
          </section>
          <section aria-labelledby="types-title">
            <Heading level={2} id="types-title">
              By room type
            </Heading>
            <FiguresTable
              id="types"
              caption="Each room type over the whole range: room nights sold and available, occupancy and room revenue"
              first="Room type"
              rows={report.data.room_types.map((type) => ({ key: type.room_type, label: roomTypeName(type.room_type), figures: type }))}
              total={{ label: "All room types", figures: report.data.total }}
            />
          </section>
          <section aria-labelledby="revenue-title">
            <Heading level={2} id="revenue-title">
              Revenue by kind
            </Heading>
            <RevenueByKind revenue={report.data.revenue_by_kind} />
            <p className="mb-8 text-gray-700">
              Each figure is rounded once, to the cent, so figures may differ by a cent from their sum. The invoices, not this report,
              are the record of what was charged.
            </p>
          </section>
        </>
      )}
    </>
  );
}
