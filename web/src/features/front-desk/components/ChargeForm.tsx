/** Post a charge from the hotel's catalogue to an in-house guest's folio: an item (its price and what is left) and a quantity. */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { SelectField, TextField } from "../../../components/Field";
import { formatMoney } from "../../../lib/money";
import type { CatalogueItem } from "../api/front-desk";
import { chargeProblems, MAX_QUANTITY, stockText, type ChargeField } from "../front-desk";

interface Props {
  catalogue: CatalogueItem[];
  pending: boolean;
  /** A refusal of the API's (out of stock meanwhile), as a sentence. */
  problem: string | null;
  problemKey: unknown;
  onPost: (charge: { item: string; quantity: number }) => void;
}

const IDS: Record<ChargeField, string> = { item: "charge-item", quantity: "charge-quantity" };

export function ChargeForm({ catalogue, pending, problem, problemKey, onPost }: Props) {
  const [charge, setCharge] = useState({ item: "", quantity: "1" });
  const [attempts, setAttempts] = useState(0);
  const items = catalogue.filter((item) => item.active);
  const problems = attempts ? chargeProblems(charge, items) : {};
  const summary: SummaryItem[] = (["item", "quantity"] as const).flatMap((field) =>
    problems[field] ? [{ fieldId: IDS[field], message: problems[field] }] : [],
  );
  const chosen = items.find((item) => item.code === charge.item);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    if (Object.keys(chargeProblems(charge, items)).length) return;
    onPost({ item: charge.item, quantity: Number(charge.quantity.trim()) });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="charge-title" className="mb-8 rounded border-2 border-gray-300 p-4">
      <h3 id="charge-title" className="mb-3 text-xl font-bold text-gray-900">
        Post a charge
      </h3>
      {(summary.length > 0 || problem) && (
        <ErrorSummary id="charge-error-summary" items={summary} description={problem ?? undefined} focusKey={`${attempts}-${String(problemKey)}`} />
      )}
      <div className="grid gap-x-4 sm:grid-cols-[2fr_1fr]">
        <SelectField
          id={IDS.item}
          label="Item"
          value={charge.item}
          error={problems.item}
          onChange={(event) => setCharge({ ...charge, item: event.target.value })}
        >
          <option value="">Choose an item</option>
          {items.map((item) => {
            const stock = stockText(item);
            return (
              <option key={item.code} value={item.code} disabled={item.stock !== null && item.stock <= 0}>
                {`${item.name}, ${formatMoney(item.price)}${stock ? ` (${stock})` : ""}`}
              </option>
            );
          })}
        </SelectField>
        <TextField
          id={IDS.quantity}
          label="Quantity"
          hint={chosen && chosen.stock !== null ? `Up to ${Math.min(chosen.stock, MAX_QUANTITY)}` : `1 to ${MAX_QUANTITY}`}
          inputMode="numeric"
          autoComplete="off"
          value={charge.quantity}
          error={problems.quantity}
          onChange={(event) => setCharge({ ...charge, quantity: event.target.value })}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Posting…" : "Post the charge"}
      </Button>
    </form>
  );
}
