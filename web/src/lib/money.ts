/**
 * Money as the API sends it: a decimal string and an ISO 4217 currency (`{"amount": "437.40",
 * "currency": "EUR"}`), never a float. It is shown as the string says, to the cent: the total a
 * guest is shown, the folio and the invoice agree because none of them is added up here.
 */
import type { components } from "./api-types";

export type Money = components["schemas"]["Money"];

const DECIMAL = /^-?\d+(\.\d+)?$/;
const formats = new Map<string, Intl.NumberFormat>();

function format(currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${currency}:${fractionDigits}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    formats.set(key, found);
  }
  return found;
}

/**
 * "€437.40", "−€58.50", "¥1,200". The amount's own decimals are kept (the API sends each in its
 * currency's minor unit); Intl formats the decimal string itself, so no digit goes through a float.
 * A negative amount gets a minus sign (U+2212), which screen readers read as "minus".
 */
export function formatMoney(money: Money): string {
  const amount = money.amount.trim();
  if (!DECIMAL.test(amount)) return `${amount} ${money.currency}`;
  const digits = amount.split(".")[1]?.length ?? 0;
  return format(money.currency, digits).format(amount as Intl.StringNumericLiteral).replace("-", "\u2212");
}

