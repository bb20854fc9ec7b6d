/** A stay's price, folio or invoice as lines and their total: the lines as the API sent them, never added up here. */
import type { ReactNode } from "react";
import { formatMoney, type Money } from "../lib/money";
import { lineDetail, lineLabel, type PriceLine } from "../lib/stays";

interface Props {
  caption: ReactNode;
  lines: PriceLine[];
  total: Money;
  totalLabel?: string;
  /** Shown under a line (a charge's time, say). */
  note?: (line: PriceLine) => ReactNode;
}

export function PriceLines({ caption, lines, total, totalLabel = "Total", note }: Props) {
  return (
    <table className="mb-6 w-full border-collapse text-gray-900">
      <caption className="mb-2 text-left text-xl font-bold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">What</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          const detail = lineDetail(line);
          const extra = note?.(line);
          return (
            <tr key={`${line.kind}-${line.night ?? ""}-${index}`} className="border-t border-gray-300">
              <th scope="row" className="py-2 pr-4 text-left align-top font-normal">
                {lineLabel(line)}
                {detail && <span className="block text-sm text-gray-700">{detail}</span>}
                {extra && <span className="block text-sm text-gray-700">{extra}</span>}
              </th>
              <td className="py-2 text-right align-top whitespace-nowrap tabular-nums">{formatMoney(line.amount)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr className="border-y-2 border-gray-900">
          <th scope="row" className="py-2 pr-4 text-left text-lg font-bold">
            {totalLabel}
          </th>
          <td className="py-2 text-right text-lg font-bold whitespace-nowrap tabular-nums">{formatMoney(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
