/** The bookings list: filtered by dates, status and words, in time order either way, page by page. */
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useBookingList } from "../../../features/staff-bookings/api/bookings";
import { BookingFiltersForm } from "../../../features/staff-bookings/components/BookingFiltersForm";
import { BookingResults } from "../../../features/staff-bookings/components/BookingResults";
import { filterProblems, readFilters, writeFilters, type FilterField } from "../../../features/staff-bookings/filters";
import { fieldErrors } from "../../../lib/error-messages";
import { venueDate } from "../../../lib/time";
import { staffPath, useStaffVenue } from "./context";

const API_FIELDS: Record<string, FilterField> = { from: "from", to: "to", q: "q" };

export function BookingsPage() {
  const { venue } = useStaffVenue();
  const [params, setParams] = useSearchParams();
  const [applied, setApplied] = useState(0);
  const filters = readFilters(params, venueDate(new Date(), venue.timezone));
  const valid = Object.keys(filterProblems(filters)).length === 0;
  const list = useBookingList(venue.slug, filters, valid);
  const bookings = list.data?.pages.flatMap((page) => page.items) ?? [];
  // A filter the API refused (its rules may be stricter than the form's): said beside the field.
  const refused = Object.fromEntries(
    Object.entries(fieldErrors(list.error))
      .filter(([path]) => path in API_FIELDS)
      .map(([path]) => [API_FIELDS[path], path === "q" ? "Search with at most 5 words, 100 characters in all" : "Enter a date, like 9 December"]),
  );

  return (
    <>
      <title>{`Bookings · ${venue.name}`}</title>
      <Heading focusOnMount>Bookings</Heading>
      <BookingFiltersForm
        key={params.toString()}
        initial={filters}
        kind={venue.kind === "hotel" ? "stay" : "slot"}
        serverProblems={valid ? refused : filterProblems(filters)}
        onApply={(next) => {
          setApplied((n) => n + 1);
          setParams(writeFilters(next));
        }}
      />
      {!valid ? null : list.isPending ? (
        <Loading>Finding bookings…</Loading>
      ) : list.isError && !list.data ? (
        Object.keys(refused).length ? null : <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <section aria-labelledby="results-title">
          {/* After the filters are applied, focus moves to the results they found. */}
          <Heading key={applied} level={2} id="results-title" focusOnMount={applied > 0}>
            Results
          </Heading>
          <p role="status" className="mb-4">
            {bookings.length === 0
              ? "No bookings match these filters."
              : `Showing ${bookings.length === 1 ? "1 booking" : `${bookings.length} bookings`}${list.hasNextPage ? "; there are more" : ""}.`}
          </p>
          {list.isFetchNextPageError && <LoadError error={list.error} onRetry={() => list.fetchNextPage()} />}
          <BookingResults
            bookings={bookings}
            timezone={venue.timezone}
            hasMore={!!list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            onMore={() => list.fetchNextPage()}
            linkTo={(reference) => staffPath(venue.slug, `bookings/${reference}`)}
          />
        </section>
      )}
    </>
  );
}
