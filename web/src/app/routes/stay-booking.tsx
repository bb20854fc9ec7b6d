/**
 * Booking a stay at a hotel (the venue page of a venue of kind `hotel`): arrival, departure and
 * guests, then the room types with what is left and each rate's price (choose), then the guest's
 * details (details); a booking made goes on to its confirmation. The search and the step are in
 * the URL, so Back works; the details live here, so they survive going back to choose another room.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Heading } from "../../components/Heading";
import { Loading, LoadError } from "../../components/Status";
import { useCreateBooking } from "../../features/bookings/api/create-booking";
import { DetailsForm } from "../../features/bookings/components/DetailsForm";
import { EMPTY_DETAILS, placeApiErrors, toBookingFields, type Details, type DetailsErrors } from "../../features/bookings/details-rules";
import { staySearchKey, staySearchQueryOptions, useStaySearch } from "../../features/stays/api/search-stays";
import { HotelDetails } from "../../features/stays/components/HotelDetails";
import { RoomOffers } from "../../features/stays/components/RoomOffers";
import { StaySearchForm } from "../../features/stays/components/StaySearchForm";
import { firstSearch, readStaySearch, searchParams, stayProblems, type StaySearch } from "../../features/stays/stay-rules";
import type { Venue } from "../../features/venues/api/get-venue";
import { ApiError } from "../../lib/api-client";
import { errorSentence, fieldErrors } from "../../lib/error-messages";
import { formatMoney } from "../../lib/money";
import { guestsText, nightsBetween, nightsText, stayDates, totalOf } from "../../lib/stays";

interface Choice {
  roomType: string;
  ratePlan: string;
}

/** A room type refused as sold out while the guest was booking, for the search it was refused on. */
interface SoldOut {
  search: string;
  roomType: string;
  name: string;
}

/** Refusals that send the guest back to the rooms: the choice itself no longer sells. */
const CHOOSE_AGAIN = new Set(["stay_not_bookable", "rate_plan_not_on_sale", "room_type_not_found"]);

/**
 * The search made (`?arrival=&departure=&guests=`) and the room and rate chosen (`&room=&rate=&step=details`)
 * are the URL's. The form's fields are React state: what is typed is not the search until "Search rooms".
 */
function useStaySteps(venue: Venue) {
  const [params, setParams] = useSearchParams();
  const searched = readStaySearch(params);
  const valid = searched !== null && Object.keys(stayProblems(searched, venue)).length === 0;
  const room = params.get("room");
  const rate = params.get("rate");
  const choice: Choice | null = valid && room && rate ? { roomType: room, ratePlan: rate } : null;
  const step = params.get("step") === "details" && choice ? "details" : "choose";
  const go = (search: StaySearch, next: Choice | null, replace = false) => {
    const query: Record<string, string> = searchParams(search);
    if (next) Object.assign(query, { room: next.roomType, rate: next.ratePlan, step: "details" });
    setParams(query, { replace });
  };
  return { searched: valid ? searched : null, refused: valid ? null : searched, choice, step, go };
}

export function StayBookingFlow({ venue }: { venue: Venue }) {
  const { searched, refused, choice, step, go } = useStaySteps(venue);
  const [draft, setDraft] = useState<StaySearch>(() => searched ?? refused ?? firstSearch(venue));
  const [attempts, setAttempts] = useState(refused ? 1 : 0);
  const [searches, setSearches] = useState(0);
  const [details, setDetails] = useState<Details>(EMPTY_DETAILS);
  const [serverErrors, setServerErrors] = useState<DetailsErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [problemKey, setProblemKey] = useState(0);
  const [soldOut, setSoldOut] = useState<SoldOut | null>(null);
  const [chooseProblem, setChooseProblem] = useState<{ sentence: string; key: number } | null>(null);
  const create = useCreateBooking();
  const client = useQueryClient();
  const navigate = useNavigate();

  // Back or Forward to another search: the fields show it.
  const searchedKey = searched ? JSON.stringify(searched) : null;
  useEffect(() => {
    if (searched) setDraft(searched);
  }, [searchedKey]); // the search's value, not its object (a new one each render)

  const problems = attempts > 0 ? stayProblems(draft, venue) : {};

  const search = () => {
    setAttempts((n) => n + 1);
    setChooseProblem(null);
    if (Object.keys(stayProblems(draft, venue)).length) return;
    setSearches((n) => n + 1);
    go(draft, null, searchedKey === JSON.stringify(draft));
  };

  const book = () => {
    if (!searched || !choice) return;
    const request = {
      kind: "stay" as const,
      venue: venue.slug,
      room_type: choice.roomType,
      rate_plan: choice.ratePlan,
      arrival: searched.arrival,
      departure: searched.departure,
      guests: searched.guests,
      ...toBookingFields(details),
    };
    create.mutate(request, {
      onSuccess: (booking) => {
        navigate(`/bookings/${booking.reference}/confirmed`, { state: { booking, email: request.customer.email } });
      },
      onError: (error) => {
        if (error instanceof ApiError && (error.code === "resource_unavailable" || CHOOSE_AGAIN.has(error.code))) {
          void client.invalidateQueries({ queryKey: staySearchKey(venue.slug) });
          if (error.code === "resource_unavailable") {
            const name = client
              .getQueryData(staySearchQueryOptions(venue.slug, searched).queryKey)
              ?.room_types.find((room) => room.room_type === choice.roomType)?.name;
            setSoldOut({ search: JSON.stringify(searched), roomType: choice.roomType, name: name ?? "room" });
            setChooseProblem(null);
          } else {
            setSoldOut(null);
            setChooseProblem({ sentence: errorSentence(error), key: Date.now() });
          }
          go(searched, null);
          return;
        }
        const { byField, unplaced } = placeApiErrors(fieldErrors(error));
        setServerErrors(byField);
        setProblem(Object.keys(byField).length && !unplaced.length ? null : errorSentence(error));
        setProblemKey((key) => key + 1);
      },
    });
  };

  if (step === "details" && searched && choice) {
    return (
      <>
        <title>{`Your details · Book a stay · ${venue.name}`}</title>
        <Heading key="details" focusOnMount>
          Your details
        </Heading>
        <ChosenStay venue={venue} search={searched} choice={choice} onChange={() => go(searched, null)} />
        <DetailsForm
          venueName={venue.name}
          details={details}
          onChange={(next, field) => {
            setDetails(next);
            if (field in serverErrors) setServerErrors(({ [field as keyof DetailsErrors]: _, ...rest }) => rest);
          }}
          serverErrors={serverErrors}
          problem={problem}
          problemKey={problemKey}
          submitting={create.isPending}
          onSubmit={book}
          submitLabel="Book this room"
          requestsExamples="A late arrival, a cot, an occasion"
        />
      </>
    );
  }

  const justSoldOut = soldOut && searched && soldOut.search === JSON.stringify(searched) ? soldOut : null;
  return (
    <>
      <title>{`Book a stay · ${venue.name}`}</title>
      <PageTitle key="choose" focus={!justSoldOut && !chooseProblem}>
        {venue.name}
      </PageTitle>
      <HotelDetails venue={venue} />
      <section aria-labelledby="book-title" className="mb-8">
        <h2 id="book-title" className="mb-4 text-2xl font-bold">
          Book a stay
        </h2>
        <StaySearchForm rules={venue} search={draft} onChange={setDraft} onSubmit={search} problems={problems} focusKey={attempts} />
      </section>
      {justSoldOut && (
        <section aria-labelledby="sold-out-title" className="mb-6 rounded border-l-8 border-amber-500 bg-amber-50 p-4 text-gray-900">
          <Heading level={2} id="sold-out-title" focusOnMount>
            {`Sorry, the last ${justSoldOut.name} was booked meanwhile`}
          </Heading>
          <p>
            Someone else booked it for some of these nights while you were booking. Your details are kept: choose another room
            below, or other dates, and you will not need to type them again.
          </p>
        </section>
      )}
      {chooseProblem && (
        <ErrorSummary id="choose-error-summary" description={chooseProblem.sentence} focusKey={chooseProblem.key} />
      )}
      {searched && (
        <StayResults
          venue={venue}
          search={searched}
          focus={searches > 0}
          searchKey={searches}
          soldOut={justSoldOut?.roomType ?? null}
          onChoose={(roomType, ratePlan) => {
            setChooseProblem(null);
            setSearches(0); // back on the rooms later, focus goes to the page's heading, not to them
            go(searched, { roomType, ratePlan });
          }}
        />
      )}
    </>
  );
}

/** The page's heading, focused if it should be when it appears, and not later when the notice above the rooms goes. */
function PageTitle({ focus, children }: { focus: boolean; children: string }) {
  const [atMount] = useState(focus);
  return <Heading focusOnMount={atMount}>{children}</Heading>;
}

function StayResults({
  venue,
  search,
  focus,
  searchKey,
  soldOut,
  onChoose,
}: {
  venue: Venue;
  search: StaySearch;
  focus: boolean;
  searchKey: number;
  soldOut: string | null;
  onChoose: (roomType: string, ratePlan: string) => void;
}) {
  const offers = useStaySearch(venue.slug, search);
  const nights = nightsBetween(search.arrival, search.departure);
  return (
    <section aria-labelledby="rooms-title">
      {/* After a search, focus moves to what it found. */}
      <Heading key={searchKey} level={2} id="rooms-title" focusOnMount={focus}>
        {`Rooms for ${nightsText(nights)}, ${guestsText(search.guests)}`}
      </Heading>
      <p className="mb-4">{stayDates(search)}. Prices include taxes.</p>
      {offers.isPending ? (
        <Loading>Finding free rooms…</Loading>
      ) : offers.isError ? (
        <LoadError error={offers.error} onRetry={() => offers.refetch()} />
      ) : (
        <RoomOffers offers={offers.data} soldOut={soldOut} onChoose={(room, plan) => onChoose(room.room_type, plan.rate_plan)} />
      )}
    </section>
  );
}

/** The room, rate and dates chosen, with the total the search priced them at, above the guest's details. */
function ChosenStay({ venue, search, choice, onChange }: { venue: Venue; search: StaySearch; choice: Choice; onChange: () => void }) {
  const offers = useStaySearch(venue.slug, search);
  const room = offers.data?.room_types.find((each) => each.room_type === choice.roomType);
  const plan = room?.rate_plans.find((each) => each.rate_plan === choice.ratePlan);
  const total = plan ? totalOf(plan) : null;
  const nights = nightsBetween(search.arrival, search.departure);
  return (
    <div className="mb-6 rounded bg-gray-100 p-4">
      <p className="text-lg font-semibold">
        {room?.name ?? "Your room"}
        {plan ? `, ${plan.name} rate` : ""} at {venue.name}
      </p>
      <p>{stayDates(search)}</p>
      <p>
        {nightsText(nights)}, {guestsText(search.guests)}
        {plan ? `, ${plan.refundable ? "refundable" : "non-refundable"}` : ""}
      </p>
      {total && (
        <p className="mt-1">
          Total <strong className="text-xl">{formatMoney(total)}</strong>, taxes included
        </p>
      )}
      <button type="button" className="mt-2 font-semibold text-indigo-800 underline" onClick={onChange}>
        Change dates, guests or room
      </button>
    </div>
  );
}
