import { useQuery } from "@tanstack/react-query";
import { call } from "../../../lib/api-client";

/** The reasons a customer may give when cancelling their own booking (the others are the venue's). */
export const useCustomerCancellationReasons = () =>
  useQuery({
    queryKey: ["cancellation-reasons"],
    queryFn: async ({ signal }) => (await call("get", "/api/v1/cancellation-reasons", { signal })).items,
    select: (reasons) => reasons.filter((reason) => reason.customer_may_choose),
    staleTime: Infinity,
  });
