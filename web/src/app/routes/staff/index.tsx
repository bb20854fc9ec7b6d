/**
 * The staff area, loaded only when a member of staff opens `/staff/...`: one lazily loaded chunk, so
 * the customers' download carries nothing of it but the one route that imports it.
 */
import { Link, Navigate, Route, Routes } from "react-router";
import { Heading } from "../../../components/Heading";
import { BookingPage } from "./booking";
import { BookingsPage } from "./bookings";
import { CalendarPage } from "./calendar";
import { CapacityPage } from "./capacity";
import { DaySheetPage } from "./day";
import { FrontDeskPage } from "./front-desk";
import { StaffHome } from "./home";
import { StaffLayout } from "./layout";
import { NewBookingPage } from "./new-booking";
import { ReportsPage } from "./reports";
import { RoomBoardPage } from "./rooms";
import { StayPage } from "./stay";
import { VenueLayout } from "./venue-layout";

function StaffNotFound() {
  return (
    <>
      <title>Page not found · Tessera staff</title>
      <Heading focusOnMount>Page not found</Heading>
      <p>
        If you typed the address, check it is correct, or go to{" "}
        <Link to="/staff" className="font-semibold text-indigo-800 underline">
          your venue's first page
        </Link>
        .
      </p>
    </>
  );
}

export function Component() {
  return (
    <Routes>
      <Route element={<StaffLayout />}>
        <Route index element={<StaffHome />} />
        <Route path=":venue" element={<VenueLayout />}>
          <Route index element={<Navigate to="day" replace />} />
          <Route path="day" element={<DaySheetPage />} />
          <Route path="bookings" element={<BookingsPage />} />
          <Route path="bookings/new" element={<NewBookingPage />} />
          <Route path="bookings/:reference" element={<BookingPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route path="capacity" element={<CapacityPage />} />
          <Route path="front-desk" element={<FrontDeskPage />} />
          <Route path="rooms" element={<RoomBoardPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="stays/:reference" element={<StayPage />} />
          <Route path="*" element={<StaffNotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
