import { useMutation } from "@tanstack/react-query";
import { useRef } from "react";
import { call, requireFields } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import { AttemptKeys } from "../../../lib/idempotency";

export type BookingRequest = components["schemas"]["BookingCreate"];

export const BOOKING_FIELDS = ["id", "reference", "status", "venue", "date", "time", "starts_at", "ends_at", "party_size"] as const;

export async function createBooking(request: BookingRequest, idempotencyKey: string) {
  const booking = await call("post", "/api/v1/bookings", { body: request, idempotencyKey });
  return requireFields(booking, BOOKING_FIELDS);
}

export type CreatedBooking = Awaited<ReturnType<typeof createBooking>>;

/** Create a booking; sending the same request again (a retry) reuses its Idempotency-Key. */
export function useCreateBooking() {
  const keys = useRef(new AttemptKeys());
  return useMutation({
    mutationFn: (request: BookingRequest) => createBooking(request, keys.current.keyFor(request)),
    onSuccess: () => keys.current.settle(),
  });
}
