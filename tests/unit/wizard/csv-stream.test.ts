/** The wizard worker's streaming CSV reader: strict UTF-8 decoding in front of papaparse. */
import { describe, expect, it } from "vitest";
import { CsvInputError, CsvStreamParser, readText, sniffBytes } from "../../../components/jobs/wizard/csv-stream";
import { detectDelimiter } from "../../../components/jobs/wizard/csv-tasks";

function parse(text: string, chunk: number, delimiter = ",") {
  const rows: string[][] = [];
  const parser = new CsvStreamParser(delimiter, (values) => rows.push(values));
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
  parser.end();
  return { rows, lineEnding: parser.lineEnding, problems: parser.problems };
}

describe("CsvStreamParser", () => {
  const text = 'a,b,c\r\n"x,1","say ""hi""","l1\nl2"\r\n,,\r\n"",z,"q"\r\n';
  const expected = [["a", "b", "c"], ["x,1", 'say "hi"', "l1\nl2"], ["", "", ""], ["", "z", "q"]];

  it.each([1, 2, 3, 7, 1000])("gives the same rows whatever the chunk size (%i)", (chunk) => {
    expect(parse(text, chunk)).toEqual({ rows: expected, lineEnding: "CRLF", problems: [] });
  });

  it("reports mixed line endings, skips blank lines and reads a last line without a newline", () => {
    expect(parse("a;b\n\nx;y\r\nz;w", 4, ";")).toMatchObject({ rows: [["a", "b"], ["x", "y"], ["z", "w"]], lineEnding: "mixed" });
  });

  it("refuses an unbalanced quote and flags text after a closing quote", () => {
    expect(() => parse('a,b\n1,"open\n2,3\n', 3)).toThrow(/A quote opened in row 1 never closes/);
    expect(parse('a,b\n"x"y",1\n"ok" ,2\n', 4)).toMatchObject({
      rows: [["a", "b"], ['x"y', "1"], ["ok", "2"]],
      problems: [{ record: 2, message: "a quoted value is followed by text before the next delimiter" }],
    });
    // As papaparse reads it, a quoted value followed by text goes on to the next closing quote.
    expect(() => parse('a,b\n"x"y,1\n2,3\n', 4)).toThrow(/A quote opened in row 1 never closes/);
  });

  it.each([1, 2, 5, 64])("keeps quoted line breaks, reads CR-only and mixed endings across chunks (%i)", (chunk) => {
    expect(parse('a,b\r"x\r\ny",2\r\n"q""\n",3\n4,5\r', chunk)).toEqual({
      rows: [["a", "b"], ["x\r\ny", "2"], ['q"\n', "3"], ["4", "5"]],
      lineEnding: "mixed",
      problems: [],
    });
    expect(parse("a;b\r1;2\r3;4\r", chunk, ";")).toMatchObject({ rows: [["a", "b"], ["1", "2"], ["3", "4"]], lineEnding: "CR" });
    expect(parse('a\tb\r\n"1\t2"\t3\r\n', chunk, "\t")).toMatchObject({ rows: [["a", "b"], ["1\t2", "3"]], lineEnding: "CRLF" });
    expect(parse('a|b\n"1|2"|3', chunk, "|")).toMatchObject({ rows: [["a", "b"], ["1|2", "3"]], lineEnding: "LF" });
    expect(parse("a,b", chunk).lineEnding).toBe("none");
  });

  it("stops with what a row callback throws, and on a quote left open for megabytes", () => {
    const parser = new CsvStreamParser(",", (_, record) => {
      if (record === 2) throw new Error("too big");
    });
    expect(() => parser.push("a\nb\nc\n")).toThrow("too big");
    const open = new CsvStreamParser(",", () => {});
    open.push('a,b\n1,"x');
    const block = "y".repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i < 10; i++) open.push(block);
    }).toThrow(/A quote opened in row 1 never closes/);
  });
});

describe("readText", () => {
  it("strips a BOM and keeps a UTF-8 character split across chunks", async () => {
    let text = "";
    const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), "é,b\n", new Uint8Array([0xc3]), new Uint8Array([0xa9]), ",2\n"]);
    expect(await readText(blob, (chunk) => void (text += chunk))).toBe("UTF-8 with BOM");
    expect(text).toBe("é,b\né,2\n");
  });

  it("hands papaparse whole characters: a value cut inside a multi-byte character reads back whole", async () => {
    const bytes = new TextEncoder().encode("Name;City\nZoë;Kraków\n€uro;\"naïve; 😀\"\n");
    const parts = Array.from(bytes, (b) => new Uint8Array([b]));
    const rows: string[][] = [];
    const parser = new CsvStreamParser(";", (values) => rows.push(values));
    await readText(new Blob(parts), (chunk) => parser.push(chunk));
    parser.end();
    expect(rows).toEqual([["Name", "City"], ["Zoë", "Kraków"], ["€uro", "naïve; 😀"]]);
  });

  it.each([
    [new Uint8Array([]), /The file is empty/],
    [new Uint8Array([0xff, 0xfe, 0x61, 0x00]), /UTF-16/],
    [new Uint8Array([0x61, 0x00, 0x62]), /binary data/],
    [new Uint8Array([0x61, 0xe9, 0x2c, 0x0a]), /not valid UTF-8/],
  ])("refuses bad bytes with a message (%#)", async (bytes, message) => {
    await expect(readText(new Blob([bytes]), () => {})).rejects.toThrow(CsvInputError);
    await expect(readText(new Blob([bytes]), () => {})).rejects.toThrow(message);
  });
});

describe("detectDelimiter", () => {
  it("finds comma, semicolon, tab and pipe, including two-column files", () => {
    expect(detectDelimiter("Name;Employees\r\nAcme;3\r\n")).toBe(";");
    expect(detectDelimiter("a\tb\tc\n1\t2\t3\n")).toBe("\t");
    expect(detectDelimiter("a|b\n1|2\n")).toBe("|");
    expect(detectDelimiter('a,b\n"x;y",2\n')).toBe(",");
    expect(detectDelimiter("single\nvalue\n")).toBe(",");
  });
});

describe("sniffBytes", () => {
  const text = new TextEncoder().encode("Name\nAcme\n");
  it("refuses an empty file, a file over 1 GB, UTF-16 and binary data before reading on", () => {
    expect(() => sniffBytes(new Uint8Array(), 0)).toThrow("The file is empty.");
    expect(() => sniffBytes(text, 2 * 1024 ** 3)).toThrow("The file is 2.0 GB; one upload takes at most 1 GB. Split it into several files.");
    expect(() => sniffBytes(new Uint8Array([0xff, 0xfe, 0x4e, 0x00]), 4)).toThrow(/UTF-16/);
    expect(() => sniffBytes(new Uint8Array([0x4e, 0x00, 0x41]), 3)).toThrow(/binary data/);
  });
  it("skips a UTF-8 BOM and names the encoding", () => {
    expect(sniffBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...text]), text.length + 3)).toEqual({ encoding: "UTF-8 with BOM", skip: 3 });
    expect(sniffBytes(text, text.length)).toEqual({ encoding: "UTF-8", skip: 0 });
  });
});
