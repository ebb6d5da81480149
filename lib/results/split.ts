/** Query results cut into files of N rows (header repeated in each), streamed page by page. */
import Papa from "papaparse";
import { csvLine } from "./csv";
import { listResultPageIds, readResultPage } from "./data";

interface PageSlice {
  index: number;
  /** Data rows of that page to skip, then to take. */
  skip: number;
  take: number;
}

/** Which stored pages hold part `part` (1-based) of files of `rowsPerFile` rows; pages before it are never read. */
export function planPart(pageRowCounts: readonly number[], rowsPerFile: number, part: number): PageSlice[] {
  const start = (part - 1) * rowsPerFile;
  const end = start + rowsPerFile;
  const slices: PageSlice[] = [];
  let offset = 0;
  for (const [index, count] of pageRowCounts.entries()) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + count);
    if (to > from) slices.push({ index, skip: from - offset, take: to - from });
    offset += count;
    if (offset >= end) break;
  }
  return slices;
}

export function partCount(totalRows: number, rowsPerFile: number): number {
  return Math.max(1, Math.ceil(totalRows / rowsPerFile));
}

export async function* queryResultPartLines(bulkJobId: string, rowsPerFile: number, part: number): AsyncGenerator<string> {
  const pages = await listResultPageIds(bulkJobId);
  let headerSent = false;
  const slices = planPart(pages.map((p) => p.rowCount), rowsPerFile, part);
  // The header comes from the first page, so an empty part still opens as a proper CSV.
  const headerSource = slices.length ? [] : pages.slice(0, 1).map((_, index) => ({ index, skip: 0, take: 0 }));
  for (const slice of [...headerSource, ...slices]) {
    const [header, ...rows] = Papa.parse<string[]>(await readResultPage(pages[slice.index].id), { skipEmptyLines: true }).data;
    if (!header) continue;
    if (!headerSent) {
      yield csvLine(header);
      headerSent = true;
    }
    let buffer = "";
    for (const row of rows.slice(slice.skip, slice.skip + slice.take)) {
      buffer += csvLine(row);
      if (buffer.length > 256 * 1024) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  }
}
