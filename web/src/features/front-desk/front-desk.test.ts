import { describe, expect, it } from "vitest";
import {
  attachmentName,
  boardSummary,
  byFloor,
  chargeProblems,
  deskAction,
  deskCountsText,
  deskDay,
  guestName,
  invoiceNumber,
  nightLabel,
  roomChoices,
  stockText,
  type BoardRoom,
  type DeskStay,
} from "./front-desk";

const stay = (
  reference: string,
  status: string,
  arrival = "2026-12-07",
  departure = "2026-12-10",
  first_name: string | null = reference,
): DeskStay => ({
  reference,
  status,
  customer: { first_name, surname: null },
  stay: { room_type: "double", arrival, departure, room: status === "checked_in" ? "101" : null },
});

describe("deskDay", () => {
  it("lists those still to arrive first, then those already in, each by name", () => {
    const day = deskDay({
      arrivals: [stay("Zoe", "confirmed"), stay("Ana", "checked_in"), stay("Bea", "confirmed")],
      in_house: [],
      departures: [],
    });
    expect(day.arrivals.map((b) => b.reference)).toEqual(["Bea", "Zoe", "Ana"]);
    expect(day.counts.toArrive).toBe(2);
  });

  it("lists guests in house by the day they leave, and those leaving still in first", () => {
    const day = deskDay({
      arrivals: [],
      in_house: [stay("Late", "checked_in", "2026-12-01", "2026-12-12"), stay("Soon", "checked_in", "2026-12-05", "2026-12-08")],
      departures: [stay("Gone", "confirmed", "2026-12-05", "2026-12-07"), stay("In", "checked_in", "2026-12-05", "2026-12-07")],
    });
    expect(day.inHouse.map((b) => b.reference)).toEqual(["Soon", "Late"]);
    expect(day.departures.map((b) => b.reference)).toEqual(["In", "Gone"]);
    expect(day.counts).toEqual({ toArrive: 0, inHouse: 2, toLeave: 1 });
    expect(deskCountsText(day.counts)).toBe("0 to arrive, 2 in house, 1 to leave");
  });
});

describe("deskAction", () => {
  it("checks a guest in from the arrival date until the departure, and out once in", () => {
    expect(deskAction(stay("A", "confirmed"), "2026-12-07")).toEqual({ kind: "check-in" });
    expect(deskAction(stay("A", "confirmed"), "2026-12-09")).toEqual({ kind: "check-in" });
    expect(deskAction(stay("A", "confirmed"), "2026-12-06")).toEqual({ kind: "check-in-later", from: "2026-12-07" });
    expect(deskAction(stay("A", "confirmed"), "2026-12-10")).toEqual({ kind: "none" });
    expect(deskAction(stay("A", "checked_in"), "2026-12-08")).toEqual({ kind: "check-out" });
    expect(deskAction(stay("A", "completed"), "2026-12-08")).toEqual({ kind: "none" });
    expect(deskAction(stay("A", "cancelled"), "2026-12-08")).toEqual({ kind: "none" });
  });
});

describe("guestName", () => {
  it("names the guest, or the stay when no name was given", () => {
    expect(guestName({ ...stay("R1", "confirmed"), customer: { first_name: "Ines", surname: "Sousa" } })).toBe("Ines Sousa");
    expect(guestName(stay("R1", "confirmed", undefined, undefined, null))).toBe("Guest R1");
  });
});

const room = (number: string, housekeeping = "clean", night = "free", room_type = "double", in_service = true): BoardRoom => ({
  number,
  floor: Number(number[0]),
  room_type,
  housekeeping,
  in_service,
  night,
});

describe("roomChoices", () => {
  const rooms = [
    room("104", "dirty"),
    room("102", "clean"),
    room("101", "clean", "assigned"),
    room("103", "inspected"),
    room("105", "clean", "out_of_order"),
    room("106", "inspected", "free", "double", false),
    room("201", "inspected", "free", "twin"),
  ];

  it("offers the stay's type's free rooms in service, best first as the API chooses", () => {
    expect(roomChoices(rooms, { room_type: "double", room: null }).map((r) => r.number)).toEqual(["103", "102", "104"]);
  });

  it("keeps the room the stay already has", () => {
    expect(roomChoices(rooms, { room_type: "double", room: "101" }).map((r) => r.number)).toEqual(["103", "101", "102", "104"]);
  });

  it("orders room numbers as numbers", () => {
    expect(roomChoices([room("1010"), room("109"), room("110")], { room_type: "double", room: null }).map((r) => r.number)).toEqual([
      "109",
      "110",
      "1010",
    ]);
  });
});

describe("the room board", () => {
  const rooms = [
    room("201", "dirty", "assigned", "twin"),
    room("102", "clean"),
    room("101", "dirty"),
    room("301", "inspected", "out_of_order", "family"),
    { ...room("999", "clean", "free", "double", false), floor: null },
  ];

  it("says what each room is tonight", () => {
    expect(rooms.map(nightLabel)).toEqual(["Taken", "Free", "Free", "Out of order", "Out of service"]);
  });

  it("groups rooms by floor, in order, rooms by number", () => {
    expect(byFloor(rooms).map(({ floor, rooms: list }) => [floor, list.map((r) => r.number)])).toEqual([
      [1, ["101", "102"]],
      [2, ["201"]],
      [3, ["301"]],
      [null, ["999"]],
    ]);
  });

  it("sums the board up", () => {
    expect(boardSummary(rooms)).toBe("5 rooms: 1 taken, 2 free, 2 out of order · 2 to clean");
  });
});

describe("charges", () => {
  const catalogue = [
    { code: "minibar-water", name: "Minibar: water", stock: 3, active: true },
    { code: "minibar-wine", name: "Minibar: Douro red", stock: 0, active: true },
    { code: "dinner", name: "Dinner", stock: null, active: true },
    { code: "old", name: "Old", stock: null, active: false },
  ];

  it("says what is left of what is counted", () => {
    expect(catalogue.map(stockText)).toEqual(["3 left", "Out of stock", null, null]);
  });

  it("takes an item on sale and 1 to 100 of it, no more than are left", () => {
    expect(chargeProblems({ item: "minibar-water", quantity: "2" }, catalogue)).toEqual({});
    expect(chargeProblems({ item: "dinner", quantity: "100" }, catalogue)).toEqual({});
    expect(chargeProblems({ item: "", quantity: "1" }, catalogue)).toEqual({ item: "Choose an item" });
    expect(chargeProblems({ item: "old", quantity: "1" }, catalogue)).toEqual({ item: "Choose an item" });
    expect(chargeProblems({ item: "minibar-wine", quantity: "1" }, catalogue)).toEqual({
      item: "Minibar: Douro red is out of stock: choose another item",
    });
    expect(chargeProblems({ item: "minibar-water", quantity: "4" }, catalogue)).toEqual({ quantity: "Only 3 left: enter 3 or fewer" });
    for (const quantity of ["", "0", "101", "1.5", "-1", "two"]) {
      expect(chargeProblems({ item: "dinner", quantity }, catalogue)).toEqual({ quantity: "Enter a quantity from 1 to 100" });
    }
  });
});

describe("invoices", () => {
  it("numbers an invoice as its PDF does", () => {
    expect(invoiceNumber(1)).toBe("000001");
    expect(invoiceNumber(1234567)).toBe("1234567");
  });

  it("names the file as the API does, or as the app would", () => {
    expect(attachmentName('attachment; filename="invoice-TheHarbourHotel-000001.pdf"', "x.pdf")).toBe("invoice-TheHarbourHotel-000001.pdf");
    expect(attachmentName("attachment; filename=invoice-1.pdf", "x.pdf")).toBe("invoice-1.pdf");
    expect(attachmentName('attachment; filename="../../etc/passwd"', "x.pdf")).toBe("....etcpasswd");
    expect(attachmentName(null, "invoice-ABC.pdf")).toBe("invoice-ABC.pdf");
  });
});
