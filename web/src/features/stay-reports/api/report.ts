import { queryOptions, useQuery } from "@tanstack/react-query";
import type { components } from "../../../lib/api-types";
import { useStaffCall, type StaffCall } from "../../../lib/staff-session";
import { reportQuery, type ReportRange } from "../report";

export type StayReport = components["schemas"]["StayReport"];
export type Figures = components["schemas"]["Figures"];

/**
 * Under the key every staff query of a hotel's stays starts with (`["staff", "stays", venue]`), so
 * a check-in, check-out or charge at the front desk, which asks those again, refreshes it too.
 */
export const stayReportQuery = (call: StaffCall, venue: string, range: ReportRange) =>
  queryOptions({
    queryKey: ["staff", "stays", venue, "report", range.from, range.to],
    queryFn: ({ signal }) => call("get", "/api/v1/venues/{venue}/stays/reports", { path: { venue }, query: reportQuery(range), signal }),
  });

export const useStayReport = (venue: string, range: ReportRange, enabled: boolean) =>
  useQuery({ ...stayReportQuery(useStaffCall(), venue, range), enabled });
