import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { AttemptKeys } from "../../../lib/idempotency";
import { useStaffCall, useStaffFile, type StaffCall } from "../../../lib/staff-session";
import { attachmentName, invoiceNumber } from "../front-desk";
import { staysKey, type Invoice } from "./front-desk";

export const folioQuery = (call: StaffCall, venue: string, reference: string) =>
  queryOptions({
    queryKey: [...staysKey(venue), "folio", reference.toUpperCase()],
    queryFn: ({ signal }) => call("get", "/api/v1/bookings/{reference}/folio", { path: { reference }, signal }),
  });

export const useFolio = (venue: string, reference: string) => useQuery(folioQuery(useStaffCall(), venue, reference));

export const catalogueQuery = (call: StaffCall, venue: string) =>
  queryOptions({
    queryKey: [...staysKey(venue), "catalogue"],
    queryFn: async ({ signal }) => (await call("get", "/api/v1/venues/{venue}/stays/catalogue", { path: { venue }, signal })).items,
  });

export const useCatalogue = (venue: string) => useQuery(catalogueQuery(useStaffCall(), venue));

/** The invoice issued at check-out; asked for only once the stay is over (before, the API has none). */
export const invoiceQuery = (call: StaffCall, venue: string, reference: string) =>
  queryOptions({
    queryKey: [...staysKey(venue), "invoice", reference.toUpperCase()],
    queryFn: ({ signal }) => call("get", "/api/v1/bookings/{reference}/invoice", { path: { reference }, signal }),
    staleTime: Infinity, // an issued invoice never changes
  });

export const useInvoice = (venue: string, reference: string, enabled: boolean) =>
  useQuery({ ...invoiceQuery(useStaffCall(), venue, reference), enabled });

/**
 * Post a charge to an in-house guest's folio. Each attempt carries an Idempotency-Key, reused while
 * the same charge is sent again (a double click, "try again" after a network failure), so the API
 * posts it once; after a success the same item and quantity again is a new charge with a new key.
 */
export function usePostCharge(venue: string, reference: string) {
  const call = useStaffCall();
  const client = useQueryClient();
  const keys = useRef(new AttemptKeys());
  return useMutation({
    mutationFn: (charge: { item: string; quantity: number }) =>
      call("post", "/api/v1/bookings/{reference}/charges", {
        path: { reference },
        body: charge,
        idempotencyKey: keys.current.keyFor({ reference, charge }),
      }),
    onSuccess: (folio) => {
      keys.current.settle();
      client.setQueryData(folioQuery(call, venue, reference).queryKey, folio);
      void client.invalidateQueries({ queryKey: catalogueQuery(call, venue).queryKey });
    },
  });
}

/** The invoice's PDF as the guest was sent it, fetched with the staff token and handed to the browser as a download. */
export function useDownloadInvoice(reference: string) {
  const file = useStaffFile();
  return useMutation({
    mutationFn: async (invoice: Pick<Invoice, "number">) => {
      const { blob, disposition } = await file(`/api/v1/bookings/${encodeURIComponent(reference)}/invoice.pdf`, "application/pdf");
      const name = attachmentName(disposition, `invoice-${invoiceNumber(invoice.number)}-${reference}.pdf`);
      const url = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return name;
    },
  });
}
