/**
 * The bookings list's filters: read from and written to the page's address (so a filtered list
 * can be reloaded, shared and gone back to), checked as the API checks them, and turned into the
 * list call's query.
 */

export const STATUSES = ["confirmed", "checked_in", "pending", "cancelled", "completed", "no_show", "expired"] as const;

/** The statuses a venue's bookings can have: only a stay is ever checked in ("In house"). */
export const statusesFor = (kind: "stay" | "slot") => STATUSES.filter((status) => kind === "stay" || status !== "checked_in");
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_WORDS = 5;
export const MAX_SEARCH_LENGTH = 100;

export interface BookingFilters {
  from: string;
  to: string;
  status: string;
  q: string;
  order: "asc" | "desc";
  perPage: number;
}

export type FilterField = "from" | "to" | "q";
export type FilterProblems = Partial<Record<FilterField, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the address; with none given, the bookings from today on, soonest first. */
export function readFilters(params: URLSearchParams, today: string): BookingFilters {
  const status = params.get("status") ?? "";
  const perPage = Number(params.get("per"));
  return {
    from: params.has("from") ? params.get("from")! : today,
    to: params.get("to") ?? "",
    status: (STATUSES as readonly string[]).includes(status) ? status : "",
    q: params.get("q") ?? "",
    order: params.get("order") === "desc" ? "desc" : "asc",
    perPage: (PAGE_SIZES as readonly number[]).includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
  };
}

/** The address's query for these filters: `from` always (an empty one means "any date"), the rest when set. */
export function writeFilters(filters: BookingFilters): Record<string, string> {
  const params: Record<string, string> = { from: filters.from };
  if (filters.to) params.to = filters.to;
  if (filters.status) params.status = filters.status;
  const q = searchWords(filters.q).join(" ");
  if (q) params.q = q;
  if (filters.order === "desc") params.order = "desc";
  if (filters.perPage !== DEFAULT_PAGE_SIZE) params.per = String(filters.perPage);
  return params;
}

export function searchWords(q: string): string[] {
  return q.trim().split(/\s+/).filter(Boolean);
}

export function filterProblems(filters: BookingFilters): FilterProblems {
  const problems: FilterProblems = {};
  if (filters.from && !ISO_DATE.test(filters.from)) problems.from = "Enter the first date, like 9 December";
  if (filters.to && !ISO_DATE.test(filters.to)) problems.to = "Enter the last date, like 9 December";
  else if (filters.from && filters.to && !problems.from && filters.to < filters.from) {
    problems.to = "The last date must be the same as or after the first date";
  }
  const words = searchWords(filters.q);
  if (words.length > MAX_WORDS) problems.q = `Search with at most ${MAX_WORDS} words`;
  else if (words.join(" ").length > MAX_SEARCH_LENGTH) problems.q = `Search with ${MAX_SEARCH_LENGTH} characters or fewer`;
  return problems;
}

/** The query of `GET /api/v1/bookings` for one page of the list. */
export function toListQuery(venue: string, filters: BookingFilters, cursor?: string) {
  const q = searchWords(filters.q).join(" ");
  return {
    venue,
    from: filters.from || undefined,
    to: filters.to || undefined,
    status: filters.status || undefined,
    q: q || undefined,
    order: filters.order,
    limit: filters.perPage,
    cursor,
  };
}
