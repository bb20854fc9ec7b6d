/**
 * A hotel's report as the API answers it: the range's occupancy, ADR and RevPAR, then tables night
 * by night, by room type, and revenue by kind. Figures are shown as sent (money through
 * lib/money.ts); nothing is added up here.
 */
import type { ReactNode } from "react";
import { formatMoney, type Money } from "../../../lib/money";
import type { Figures, StayReport } from "../api/report";
import { byKindOrder, kindLabel, nightLabel, percentText, soldText } from "../report";

const ADR = (
  <abbr title="Average daily rate" className="no-underline">
    ADR
  </abbr>
);
const REVPAR = (
  <abbr title="Revenue per available room" className="no-underline">
    RevPAR
  </abbr>
);

/** The range at a glance: four figures, each with what it means. */
export function ReportSummary({ total }: { total: Figures }) {
  const cards: [ReactNode, string, string][] = [
    ["Occupancy", percentText(total.occupancy), soldText(total)],
    [ADR, formatMoney(total.adr), "Average daily rate: room revenue per room night sold"],
    [REVPAR, formatMoney(total.revpar), "Revenue per available room night"],
    ["Room revenue", formatMoney(total.room_revenue), "Rooms, guest supplements and discounts, before taxes"],
  ];
  return (
    <dl className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {cards.map(([term, value, meaning], index) => (
        <div key={index} className="rounded border-2 border-gray-300 p-4">
          <dt className="font-semibold text-gray-900">{term}</dt>
          <dd className="text-3xl font-bold text-gray-900 tabular-nums">{value}</dd>
          <dd className="text-gray-700">{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A table that may be wider than a phone: it scrolls on its own (a focusable region named by its
 * caption, so a keyboard can scroll it too), never the page.
 */
function ScrollingTable({ id, caption, children }: { id: string; caption: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="mb-8 overflow-x-auto">
      <table className="w-full border-collapse text-gray-900">
        {/* No wider than the screen: the table scrolls under it, its caption stays readable. */}
        <caption id={`${id}-caption`} className="mb-2 max-w-[calc(100vw-2rem)] text-left text-gray-700">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

const TH_COL = "border-b-2 border-gray-900 bg-gray-100 px-3 py-2 font-semibold whitespace-nowrap";
const NUMBER = "px-3 py-2 text-right whitespace-nowrap tabular-nums";
/** The first column stays in view while a narrow screen scrolls the others under it. */
const STICKY = "sticky left-0";

function FigureHeads({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col" className={`${TH_COL} ${STICKY} text-left`}>
          {first}
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          Rooms sold
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          Rooms available
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          Occupancy
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          Room revenue
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          {ADR}
        </th>
        <th scope="col" className={`${TH_COL} text-right`}>
          {REVPAR}
        </th>
      </tr>
    </thead>
  );
}

function FigureCells({ figures }: { figures: Figures }) {
  return (
    <>
      <td className={NUMBER}>{figures.sold}</td>
      <td className={NUMBER}>{figures.available}</td>
      <td className={NUMBER}>{percentText(figures.occupancy)}</td>
      <td className={NUMBER}>{formatMoney(figures.room_revenue)}</td>
      <td className={NUMBER}>{formatMoney(figures.adr)}</td>
      <td className={NUMBER}>{formatMoney(figures.revpar)}</td>
    </>
  );
}

interface FiguresRow {
  key: string;
  label: string;
  figures: Figures;
}

/** One row of figures per night or room type, and the range's in the foot. */
export function FiguresTable({
  id,
  caption,
  first,
  rows,
  total,
}: {
  id: string;
  caption: string;
  first: string;
  rows: FiguresRow[];
  total: { label: string; figures: Figures };
}) {
  return (
    <ScrollingTable id={id} caption={caption}>
      <FigureHeads first={first} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-t border-gray-300">
            <th scope="row" className={`${STICKY} bg-white px-3 py-2 text-left font-normal whitespace-nowrap`}>
              {row.label}
            </th>
            <FigureCells figures={row.figures} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-y-2 border-gray-900 font-bold">
          <th scope="row" className={`${STICKY} bg-white px-3 py-2 text-left whitespace-nowrap`}>
            {total.label}
          </th>
          <FigureCells figures={total.figures} />
        </tr>
      </tfoot>
    </ScrollingTable>
  );
}

/** The nights, each with every room type's occupancy (rooms sold of those available). */
export function OccupancyGrid({ report, roomTypeName }: { report: StayReport; roomTypeName: (code: string) => string }) {
  const types = report.room_types.map((each) => each.room_type);
  return (
    <ScrollingTable id="grid" caption="Occupancy of each room type, night by night: the share sold, and rooms sold of those available">
      <thead>
        <tr>
          <th scope="col" className={`${TH_COL} ${STICKY} text-left`}>
            Night
          </th>
          {types.map((type) => (
            <th key={type} scope="col" className={`${TH_COL} text-right`}>
              {roomTypeName(type)}
            </th>
          ))}
          <th scope="col" className={`${TH_COL} text-right`}>
            All rooms
          </th>
        </tr>
      </thead>
      <tbody>
        {report.days.map((day) => (
          <tr key={day.date} className="border-t border-gray-300">
            <th scope="row" className={`${STICKY} bg-white px-3 py-2 text-left font-normal whitespace-nowrap`}>
              {nightLabel(day.date)}
            </th>
            {types.map((type) => {
              const figures = day.room_types.find((each) => each.room_type === type);
              return (
                <td key={type} className={NUMBER}>
                  {figures ? `${percentText(figures.occupancy)} (${figures.sold} of ${figures.available})` : "None"}
                </td>
              );
            })}
            <td className={`${NUMBER} font-semibold`}>{`${percentText(day.total.occupancy)} (${day.total.sold} of ${day.total.available})`}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** What the range brought in by kind of line: as the API shares it out, without a total of its own. */
export function RevenueByKind({ revenue }: { revenue: { kind: string; amount: Money }[] }) {
  if (revenue.length === 0) return <p className="mb-8">No revenue on these nights: nothing sold and nothing posted.</p>;
  return (
    <ScrollingTable id="revenue" caption="Revenue of these nights by kind of line: a stay's supplement, discount and taxes shared evenly over its nights, a charge on the day it was posted">
      <thead>
        <tr>
          <th scope="col" className={`${TH_COL} text-left`}>
            Kind
          </th>
          <th scope="col" className={`${TH_COL} text-right`}>
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {byKindOrder(revenue).map((line) => (
          <tr key={line.kind} className="border-t border-gray-300">
            <th scope="row" className="px-3 py-2 text-left font-normal">
              {kindLabel(line.kind)}
            </th>
            <td className={NUMBER}>{formatMoney(line.amount)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}
