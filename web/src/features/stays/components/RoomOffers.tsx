/**
 * The room types that sleep the guests: what each has left for the whole stay, and each rate plan's
 * total with its price night by night. A plan that does not sell the stay says why instead of a price;
 * a type sold out is shown, not hidden, with nothing to choose.
 */
import { Button } from "../../../components/Button";
import { formatMoney } from "../../../lib/money";
import { nightsText, totalOf } from "../../../lib/stays";
import type { RatePlanOffer, RoomTypeOffer, StayOffers } from "../api/search-stays";
import { roomsLeft, shortDate } from "../stay-rules";

interface Props {
  offers: StayOffers;
  onChoose: (roomType: RoomTypeOffer, ratePlan: RatePlanOffer) => void;
  /** A room type just refused as sold out: shown sold out even while the search, read through a
   * cache the refusal has not yet reached, still offers it. */
  soldOut?: string | null;
}

function PlanOffer({ room, plan, nights, onChoose }: { room: RoomTypeOffer; plan: RatePlanOffer; nights: number; onChoose: () => void }) {
  const total = totalOf(plan);
  const priceId = `offer-${room.room_type}-${plan.rate_plan}-price`;
  return (
    <li className="grid gap-2 border-t border-gray-300 py-3 sm:grid-cols-[1fr_auto] sm:items-start sm:gap-4">
      <div className="min-w-0">
        <p className="text-lg font-semibold text-gray-900">{plan.name}</p>
        {/* Said once: a plan named for it ("Non-refundable") is not told twice. */}
        {!/refundable/i.test(plan.name) && <p className="text-gray-700">{plan.refundable ? "Refundable" : "Non-refundable"}</p>}
        {plan.bookable && total ? (
          <>
            <p id={priceId} className="text-gray-900">
              <strong className="text-xl">{formatMoney(total)}</strong> for {nightsText(nights)}, taxes included
            </p>
            {plan.nightly.length > 0 && (
              <details className="mt-1">
                <summary className="cursor-pointer font-semibold text-indigo-800 underline">Price night by night</summary>
                <dl className="mt-1 grid grid-cols-[auto_auto] justify-start gap-x-6">
                  {plan.nightly.map((night) => (
                    <div key={night.date} className="contents">
                      <dt>{shortDate(night.date)}</dt>
                      <dd className="text-right tabular-nums">{formatMoney(night.price)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            )}
          </>
        ) : (
          <p className="text-gray-900">
            <span className="font-semibold">Not available: </span>
            {plan.reason ?? "This rate does not sell this stay."}
          </p>
        )}
      </div>
      {plan.bookable && total && (
        <Button onClick={onChoose} aria-describedby={`room-${room.room_type} ${priceId}`}>
          Choose {plan.name}
        </Button>
      )}
    </li>
  );
}

export function RoomOffers({ offers, onChoose, soldOut }: Props) {
  if (offers.room_types.length === 0) {
    return <p className="mb-6">No room sleeps that many guests. Please choose fewer guests.</p>;
  }
  return (
    <ul className="space-y-6">
      {offers.room_types.map((room) => {
        const available = room.room_type === soldOut ? 0 : room.available;
        return (
          <li key={room.room_type}>
            <section aria-labelledby={`room-${room.room_type}`} className="rounded border-2 border-gray-300 p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h3 id={`room-${room.room_type}`} className="text-2xl font-bold text-gray-900">
                  {room.name}
                </h3>
                <p className={`font-semibold ${available > 0 ? "text-gray-900" : "text-red-700"}`}>{roomsLeft(available)}</p>
              </div>
              {room.description && <p className="mb-1 text-gray-900">{room.description}</p>}
              <p className="mb-1 text-gray-700">
                Sleeps {room.max_occupancy}
                {room.bed_setup ? ` · ${room.bed_setup}` : ""}
              </p>
              {room.amenities.length > 0 && <p className="mb-2 text-gray-700">{room.amenities.join(" · ")}</p>}
              {available > 0 ? (
                <ul>
                  {room.rate_plans.map((plan) => (
                    <PlanOffer key={plan.rate_plan} room={room} plan={plan} nights={offers.nights} onChoose={() => onChoose(room, plan)} />
                  ))}
                </ul>
              ) : (
                <p className="border-t border-gray-300 pt-3 text-gray-900">Every room of this type is booked on at least one of these nights.</p>
              )}
            </section>
          </li>
        );
      })}
    </ul>
  );
}
