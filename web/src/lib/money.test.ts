import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

describe("formatMoney", () => {
  it("shows an amount as its decimal string says, with the currency's sign", () => {
    expect(formatMoney({ amount: "437.40", currency: "EUR" })).toBe("€437.40");
    expect(formatMoney({ amount: "3451.00", currency: "EUR" })).toBe("€3,451.00");
    expect(formatMoney({ amount: "0.00", currency: "EUR" })).toBe("€0.00");
    expect(formatMoney({ amount: "120.00", currency: "GBP" })).toBe("£120.00");
  });

  it("keeps every digit of a large amount: nothing goes through a float", () => {
    expect(formatMoney({ amount: "12345678901234567.15", currency: "EUR" })).toBe("€12,345,678,901,234,567.15");
  });

  it("writes a discount with a minus sign", () => {
    expect(formatMoney({ amount: "-58.50", currency: "EUR" })).toBe("\u2212€58.50");
  });

  it("keeps the decimals the API sent: none for yen, more for an unrounded unit price", () => {
    expect(formatMoney({ amount: "1200", currency: "JPY" })).toBe("JP¥1,200");
    expect(formatMoney({ amount: "4.125", currency: "EUR" })).toBe("€4.125");
  });

  it("never hides an amount it cannot read", () => {
    expect(formatMoney({ amount: "n/a", currency: "EUR" })).toBe("n/a EUR");
  });
});
