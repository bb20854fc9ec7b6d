/** A time taken while the customer (or the desk) was booking it: said, with that day's nearest free times for the same choice. */
import { TakenNotice } from "../../../components/TakenNotice";
import { formatLongDate } from "../../../lib/time";
import { useAppointmentSearch, type MovingBooking } from "../api/search-appointments";
import { nearestTimes, withoutTaken } from "../appointment-rules";
import type { Taken } from "./AppointmentPicker";

interface Props {
  venue: string;
  service: string;
  taken: Taken;
  why: string;
  keptWhat: string;
  onPick: (time: string) => void;
  /** A move's: the booking's own times. */
  moving?: MovingBooking;
}

export function TakenAppointment({ venue, service, taken, why, keptWhat, onPick, moving }: Props) {
  const search = useAppointmentSearch({ venue, service, date: taken.date, staff: taken.staff, moving });
  const fresh = withoutTaken(search.data?.slots ?? [], taken, taken);
  return (
    <TakenNotice
      time={taken.time}
      day={formatLongDate(taken.date)}
      loading={search.isPending || search.isFetching}
      alternatives={nearestTimes(fresh, taken.time).map((slot) => ({ time: slot.time, remaining: 1, bookable: true }))}
      onPick={onPick}
      why={why}
      keptWhat={keptWhat}
    />
  );
}
