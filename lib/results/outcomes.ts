/**
 * One result per original row, whatever API produced it: `row,status,id,created,error`
 * (status s = success, f = failure, u = unprocessed). v2 results come back unordered, so they are
 * matched to rows by the values that were uploaded.
 */
import Papa from "papaparse";

export type OutcomeStatus = "s" | "f" | "u";

export interface RowOutcome {
  row: number;
  status: OutcomeStatus;
  id: string;
  created: boolean;
  error: string;
}

export function encodeOutcomes(outcomes: readonly RowOutcome[]): string {
  return Papa.unparse(
    outcomes.map((o) => [o.row, o.status, o.id, o.created ? "1" : "0", o.error]),
    { newline: "\n" },
  );
}

export function decodeOutcomes(text: string): RowOutcome[] {
  const rows = Papa.parse<string[]>(text, { newline: "\n", skipEmptyLines: true }).data;
  return rows.map(([row, status, id, created, error]) => ({
    row: Number(row),
    status: status as OutcomeStatus,
    id: id ?? "",
    created: created === "1",
    error: error ?? "",
  }));
}

function parseWithHeader(csv: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { header, rows };
}

/** v1 ingest results are in submission order: the n-th result is the batch's n-th row. */
export function outcomesFromV1(csv: string, firstRow: number, rowCount: number): RowOutcome[] {
  const { header, rows } = parseWithHeader(csv);
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name);
  const [idCol, successCol, createdCol, errorCol] = [col("id"), col("success"), col("created"), col("error")];
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < rowCount; i += 1) {
    const result = rows[i];
    if (!result) {
      outcomes.push({ row: firstRow + i, status: "u", id: "", created: false, error: "Salesforce returned no result for this row." });
      continue;
    }
    const success = result[successCol]?.toLowerCase() === "true";
    outcomes.push({
      row: firstRow + i,
      status: success ? "s" : "f",
      id: result[idCol] ?? "",
      created: result[createdCol]?.toLowerCase() === "true",
      error: success ? "" : (result[errorCol] ?? ""),
    });
  }
  return outcomes;
}

/** Every row of a batch Salesforce failed or never processed as a whole gets the same outcome. */
export function uniformOutcomes(firstRow: number, rowCount: number, status: OutcomeStatus, error: string): RowOutcome[] {
  return Array.from({ length: rowCount }, (_, i) => ({ row: firstRow + i, status, id: "", created: false, error }));
}

export interface V2ResultFiles {
  successful: string;
  failed: string;
  unprocessed: string;
}

/**
 * Matches v2's three result files back to rows. `uploaded` holds the header and the values sent for each
 * row, in row order. Identical uploaded rows are interchangeable, so they are taken in order; a result
 * Salesforce re-rendered (numbers can come back as 9.1E8) falls back to the first row still unmatched.
 */
export function outcomesFromV2(files: V2ResultFiles, uploadedHeader: string[], uploaded: { row: number; values: string[] }[]): RowOutcome[] {
  const key = (values: string[]) => JSON.stringify(values);
  const waiting = new Map<string, number[]>();
  for (const { row, values } of uploaded) {
    const k = key(values);
    const list = waiting.get(k);
    if (list) list.push(row);
    else waiting.set(k, [row]);
  }
  const assigned = new Map<number, RowOutcome>();
  const unmatched: Omit<RowOutcome, "row">[] = [];
  const take = (file: string, status: OutcomeStatus) => {
    const { header, rows } = parseWithHeader(file);
    const at = (name: string) => header.indexOf(name);
    const [idCol, createdCol, errorCol] = [at("sf__Id"), at("sf__Created"), at("sf__Error")];
    const dataCols = uploadedHeader.map((name) => header.indexOf(name));
    for (const result of rows) {
      const outcome = {
        status,
        id: idCol >= 0 ? (result[idCol] ?? "") : "",
        created: createdCol >= 0 && result[createdCol]?.toLowerCase() === "true",
        error: errorCol >= 0 ? (result[errorCol] ?? "") : status === "u" ? "Not processed by Salesforce." : "",
      };
      const row = waiting.get(key(dataCols.map((c) => (c >= 0 ? (result[c] ?? "") : ""))))?.shift();
      if (row === undefined) unmatched.push(outcome);
      else assigned.set(row, { row, ...outcome });
    }
  };
  take(files.successful, "s");
  take(files.failed, "f");
  take(files.unprocessed, "u");
  return uploaded.map(({ row }) => {
    const found = assigned.get(row);
    if (found) return found;
    const fallback = unmatched.shift();
    return fallback
      ? { row, ...fallback }
      : { row, status: "u" as const, id: "", created: false, error: "Salesforce returned no result for this row." };
  });
}
