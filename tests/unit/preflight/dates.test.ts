import { describe, expect, it } from "vitest";
import { convertDate, convertDateTime, DATE_FORMAT_LABELS, isValidTimeZone, type DateFormat } from "../../../lib/preflight";

describe("convertDate", () => {
  it("reads each format with 1-2 digit day and month and / - . separators", () => {
    expect(convertDate("2024-03-07", "iso")).toBe("2024-03-07");
    expect(convertDate("2024/3/7", "iso")).toBe("2024-03-07");
    expect(convertDate("3/7/2024", "mdy")).toBe("2024-03-07");
    expect(convertDate("03-07-2024", "mdy")).toBe("2024-03-07");
    expect(convertDate("7.3.2024", "dmy")).toBe("2024-03-07");
    expect(convertDate("07/03/2024", "dmy")).toBe("2024-03-07");
    expect(convertDate("  12/31/1999 ", "mdy")).toBe("1999-12-31");
  });

  it("refuses days that do not exist and mixed separators", () => {
    expect(convertDate("2/30/2024", "mdy")).toBeNull();
    expect(convertDate("29/02/2023", "dmy")).toBeNull();
    expect(convertDate("29/02/2024", "dmy")).toBe("2024-02-29");
    expect(convertDate("29/02/1900", "dmy")).toBeNull();
    expect(convertDate("29/02/2000", "dmy")).toBe("2000-02-29");
    expect(convertDate("13/01/2024", "mdy")).toBeNull();
    expect(convertDate("01/13/2024", "dmy")).toBeNull();
    expect(convertDate("2024-04-31", "iso")).toBeNull();
    expect(convertDate("2024-00-10", "iso")).toBeNull();
    expect(convertDate("3/7-2024", "mdy")).toBeNull();
    expect(convertDate("3/7/24", "mdy")).toBeNull();
    expect(convertDate("2024-03-07T10:00:00Z", "iso")).toBeNull();
    expect(convertDate("next tuesday", "iso")).toBeNull();
  });

  it("reads the same text differently only by the chosen format, never by a time zone", () => {
    expect(convertDate("04/05/2024", "mdy")).toBe("2024-04-05");
    expect(convertDate("04/05/2024", "dmy")).toBe("2024-05-04");
    // A date on a DST change day in any zone is still that day.
    expect(convertDate("3/10/2024", "mdy")).toBe("2024-03-10");
    expect(convertDate("31/03/2024", "dmy")).toBe("2024-03-31");
  });

  it("names each format the way the wizard shows it", () => {
    const formats: DateFormat[] = ["iso", "mdy", "dmy"];
    expect(formats.map((format) => DATE_FORMAT_LABELS[format])).toEqual(["YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY"]);
  });

  it("keeps an empty value empty", () => {
    expect(convertDate("", "iso")).toBe("");
    expect(convertDate("   ", "dmy")).toBe("");
  });
});

describe("convertDateTime", () => {
  const ny = (value: string, format: "iso" | "mdy" | "dmy" = "iso") => convertDateTime(value, format, "America/New_York");
  const berlin = (value: string) => convertDateTime(value, "iso", "Europe/Berlin");

  it("reads wall time in the zone, standard and daylight time", () => {
    expect(ny("2024-01-15 09:30")).toBe("2024-01-15T14:30:00.000Z");
    expect(ny("2024-07-15 09:30")).toBe("2024-07-15T13:30:00.000Z");
    expect(berlin("2024-01-15T09:30:00")).toBe("2024-01-15T08:30:00.000Z");
    expect(berlin("2024-07-15T09:30:00.25")).toBe("2024-07-15T07:30:00.250Z");
  });

  it("moves a wall time in the spring-forward gap forward by the gap", () => {
    expect(ny("2024-03-10 01:59:59")).toBe("2024-03-10T06:59:59.000Z");
    expect(ny("2024-03-10 02:30")).toBe("2024-03-10T07:30:00.000Z"); // = 03:30 EDT
    expect(ny("2024-03-10 03:00")).toBe("2024-03-10T07:00:00.000Z");
    expect(berlin("2024-03-31 02:30")).toBe("2024-03-31T01:30:00.000Z"); // = 03:30 CEST
    expect(berlin("2024-03-31 03:00")).toBe("2024-03-31T01:00:00.000Z");
  });

  it("takes the earlier instant for a wall time that happens twice in the fall", () => {
    expect(ny("2024-11-03 00:59")).toBe("2024-11-03T04:59:00.000Z");
    expect(ny("2024-11-03 01:30")).toBe("2024-11-03T05:30:00.000Z"); // EDT, not EST 06:30Z
    expect(ny("2024-11-03 02:00")).toBe("2024-11-03T07:00:00.000Z");
    expect(berlin("2024-10-27 02:30")).toBe("2024-10-27T00:30:00.000Z"); // CEST, not CET 01:30Z
    expect(berlin("2024-10-27 03:00")).toBe("2024-10-27T02:00:00.000Z");
  });

  it("handles Lord Howe's half-hour daylight saving", () => {
    const lordHowe = (value: string) => convertDateTime(value, "iso", "Australia/Lord_Howe");
    expect(lordHowe("2024-10-06 01:59")).toBe("2024-10-05T15:29:00.000Z"); // +10:30
    expect(lordHowe("2024-10-06 02:15")).toBe("2024-10-05T15:45:00.000Z"); // gap → 02:45 +11:00
    expect(lordHowe("2024-10-06 02:30")).toBe("2024-10-05T15:30:00.000Z");
    expect(lordHowe("2024-04-07 01:45")).toBe("2024-04-06T14:45:00.000Z"); // twice: the +11:00 one
  });

  it("keeps an explicit offset or Z whatever the zone", () => {
    expect(ny("2024-06-01T10:00:00+02:00")).toBe("2024-06-01T08:00:00.000Z");
    expect(ny("2024-06-01T10:00:00-0530")).toBe("2024-06-01T15:30:00.000Z");
    expect(ny("2024-06-01T10:00:00Z")).toBe("2024-06-01T10:00:00.000Z");
    expect(ny("2024-06-01 23:30+05")).toBe("2024-06-01T18:30:00.000Z");
    expect(ny("2024-06-01T10:00:00+15:00")).toBeNull();
    expect(ny("0099-06-01T10:00:00Z")).toBe("0099-06-01T10:00:00.000Z");
  });

  it("reads US and European date orders with 12-hour clocks and a missing time", () => {
    expect(ny("12/31/2024 11:59:59 PM", "mdy")).toBe("2025-01-01T04:59:59.000Z");
    expect(ny("1/2/2024 12:05 AM", "mdy")).toBe("2024-01-02T05:05:00.000Z");
    expect(ny("1/2/2024 12:05 pm", "mdy")).toBe("2024-01-02T17:05:00.000Z");
    expect(convertDateTime("31.12.2024 23:59", "dmy", "Europe/Berlin")).toBe("2024-12-31T22:59:00.000Z");
    expect(convertDateTime("31.12.2024", "dmy", "Europe/Berlin")).toBe("2024-12-30T23:00:00.000Z");
  });

  it("reads years below 100 as written, not as 19xx", () => {
    expect(convertDateTime("0050-01-01 12:00", "iso", "UTC")).toBe("0050-01-01T12:00:00.000Z");
    expect(convertDateTime("0050-01-01 12:00", "iso", "Europe/Berlin")?.slice(0, 4)).toBe("0050");
  });

  it("refuses impossible times and dates", () => {
    expect(ny("2024-02-30 10:00")).toBeNull();
    expect(ny("2024-01-01 24:00")).toBeNull();
    expect(ny("2024-01-01 10:60")).toBeNull();
    expect(ny("2024-01-01 13:00 PM")).toBeNull();
    expect(ny("2024-01-01 10:00 tomorrow")).toBeNull();
    expect(ny("")).toBe("");
  });

  it("round-trips every quarter hour of the DST months, reading each wall time back to its instant", () => {
    for (const timeZone of ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]) {
      const wallOf = new Intl.DateTimeFormat("sv-SE", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
      let mismatches = 0;
      for (const month of [2, 3, 9, 10]) {
        for (let t = Date.UTC(2024, month, 1); t < Date.UTC(2024, month + 1, 1); t += 15 * 60_000) {
          const wall = wallOf.format(new Date(t)); // "2024-03-10 03:15"
          const back = Date.parse(convertDateTime(wall, "iso", timeZone)!);
          // A wall time that happens twice reads as the first one; everything else comes back exactly.
          if (back !== t && !(back < t && wallOf.format(new Date(back)) === wall)) mismatches += 1;
        }
      }
      expect(mismatches, timeZone).toBe(0);
    }
  });

  it("names an unknown zone instead of guessing", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(() => convertDateTime("2024-01-01 10:00", "iso", "Mars/Olympus_Mons")).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
  });
});
