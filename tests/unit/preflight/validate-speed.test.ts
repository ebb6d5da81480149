import { describe, expect, it } from "vitest";
import { createValidator } from "../../../lib/preflight";
import { DEAL } from "./fixtures";

const ROWS = 100_000;
const headers = ["Name", "Stage", "Close", "Signed", "Amount", "Seats", "Email", "Code", "Account", "Regions", "Won"];

/** Every 1,000th row has a bad email; every 997th repeats the code of the row before it. */
function row(n: number): string[] {
  const code = n % 997 === 0 ? `D-${n - 1}` : `D-${n}`;
  return [
    `Deal ${n}`, "Closed Won", `${(n % 28) + 1}/${(n % 12) + 1}/2024`, `${(n % 12) + 1}/${(n % 28) + 1}/2024 ${n % 24}:15`,
    `${n}.25`, String(n % 1000), n % 1000 === 0 ? "bad address" : `deal${n}@example.com`, code, "001D000000IqhSLIAZ", "EMEA;APAC", n % 2 ? "true" : "0",
  ];
}

describe("validator speed", () => {
  it(`checks ${ROWS.toLocaleString("en-US")} rows of 11 columns and reports the speed`, () => {
    const validator = createValidator({
      object: DEAL,
      operation: "insert",
      headers,
      mapping: {
        columns: {
          Name: "Name", Stage: "Stage__c", Close: "Close_Date__c", Signed: "Signed_At__c", Amount: "Amount__c", Seats: "Seats__c",
          Email: "Contact_Email__c", Code: "Deal_Code__c", Account: "Account__c", Regions: "Regions__c", Won: "Is_Won__c",
        },
        dates: { Close: { kind: "date", format: "dmy" }, Signed: { kind: "datetime", format: "mdy", timeZone: "America/New_York" } },
      },
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    let problems = 0;
    for (let n = 1; n <= ROWS; n += 1) problems += validator.check(n, row(n)).length;
    const duplicates = validator.finish();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    // CPU time too: on a shared machine the wall clock mostly measures the neighbours.
    const rate = (s: number) => Math.round(ROWS / s).toLocaleString("en-US");
    console.log(`validator: ${ROWS} rows in ${seconds.toFixed(2)} s = ${rate(seconds)} rows/s (${rate(cpuSeconds)} rows per CPU second)`);
    expect(problems).toBe(ROWS / 1000);
    expect(duplicates.length).toBe(Math.floor(ROWS / 997));
    expect(duplicates[0]).toMatchObject({ row: 997, field: "Deal_Code__c", message: '"D-996" repeats row 996 (Deal Code must be unique within the file)' });
  });
});
