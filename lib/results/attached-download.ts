/**
 * Downloads of a job made outside the app: there is no upload to merge results onto, so a Bulk 2.0 job's
 * files come as Salesforce sent them (its own columns plus sf__Id / sf__Created / sf__Error), and a v1
 * job's as one line per result. Every cell is escaped against formula injection all the same.
 */
import Papa from "papaparse";
import { csvLine } from "./csv";
import { listResultBatches, listResultPageIds, readBatchOutcomesText, readResultPage } from "./data";
import type { RowResultKind } from "./download";
import { decodeOutcomes } from "./outcomes";

const V2_PAGE: Record<RowResultKind, number> = { successes: 0, failures: 1, unprocessed: 2 };
const V1_STATUS: Record<RowResultKind, string> = { successes: "s", failures: "f", unprocessed: "u" };

async function* v2Lines(bulkJobId: string, kind: RowResultKind): AsyncGenerator<string> {
  let headerSent = false;
  for (const { id } of await listResultPageIds(bulkJobId, V2_PAGE[kind])) {
    const [header, ...rows] = Papa.parse<string[]>(await readResultPage(id), { skipEmptyLines: true }).data;
    if (!header) continue;
    if (!headerSent) yield csvLine(header);
    headerSent = true;
    yield rows.map(csvLine).join("");
  }
  if (!headerSent) yield csvLine(["sf__Note"]) + csvLine(["Salesforce had no such file for this job (see the job's timeline)."]);
}

async function* v1Lines(bulkJobId: string, kind: RowResultKind): AsyncGenerator<string> {
  yield csvLine(kind === "successes" ? ["sf__Row", "sf__Id", "sf__Created"] : kind === "failures" ? ["sf__Row", "sf__Id", "sf__Error"] : ["sf__Row"]);
  for (const batch of await listResultBatches(bulkJobId)) {
    const text = await readBatchOutcomesText(batch.id);
    for (const outcome of text ? decodeOutcomes(text) : []) {
      if (outcome.status !== V1_STATUS[kind]) continue;
      const extra = kind === "successes" ? [outcome.id, outcome.created ? "true" : "false"] : kind === "failures" ? [outcome.id, outcome.error] : [];
      yield csvLine([String(outcome.row), ...extra]);
    }
  }
}

export function attachedResultLines(bulkJobId: string, api: "v1" | "v2", kind: RowResultKind): AsyncGenerator<string> {
  return api === "v2" ? v2Lines(bulkJobId, kind) : v1Lines(bulkJobId, kind);
}
