import { useNavigate } from "react-router";
import { Heading } from "../../components/Heading";
import { FindBookingForm } from "../../features/manage/components/FindBookingForm";

export function FindBookingRoute() {
  const navigate = useNavigate();
  return (
    <>
      <title>Manage a booking · Tessera</title>
      <Heading focusOnMount>Manage a booking</Heading>
      <p className="mb-6">Find your booking to see it, move it to another time or cancel it.</p>
      <FindBookingForm
        initial={{ reference: "", email: "" }}
        onFind={({ reference, email }) => navigate(`/bookings/${reference}`, { state: { email } })}
      />
    </>
  );
}
