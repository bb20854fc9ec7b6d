import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { call } from "../../../lib/api-client";
import type { components } from "../../../lib/api-types";
import { AttemptKeys } from "../../../lib/idempotency";
import { bookingKey, readBooking, type BookingAccess } from "./get-booking";

export type BookingChange = components["schemas"]["BookingUpdate"];

/** Move a booking (only the fields that change); a retry of the same change reuses its key. */
export function useUpdateBooking(reference: string, access: BookingAccess) {
  const client = useQueryClient();
  const keys = useRef(new AttemptKeys());
  return useMutation({
    mutationFn: async (change: BookingChange) =>
      readBooking(
        await call("patch", "/api/v1/bookings/{reference}", {
          path: { reference },
          query: access,
          body: change,
          idempotencyKey: keys.current.keyFor({ reference, change }),
        }),
      ),
    onSuccess: (booking) => {
      keys.current.settle();
      client.setQueryData(bookingKey(reference, access), booking);
    },
  });
}

export function useCancelBooking(reference: string, access: BookingAccess) {
  const client = useQueryClient();
  const keys = useRef(new AttemptKeys());
  return useMutation({
    mutationFn: async (reasonId: number) => {
      const body = { reason_id: reasonId };
      return readBooking(
        await call("post", "/api/v1/bookings/{reference}/cancel", {
          path: { reference },
          query: access,
          body,
          idempotencyKey: keys.current.keyFor({ reference, body }),
        }),
      );
    },
    onSuccess: (booking) => {
      keys.current.settle();
      client.setQueryData(bookingKey(reference, access), booking);
    },
  });
}
