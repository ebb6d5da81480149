/**
 * The worker's upload pass: rows re-written as plain UTF-8 comma CSV, cut into parts of at most 4 MB on
 * row boundaries, each sent with its SHA-256 while the file is still being read (one part in memory).
 * A part that fails for network or server reasons is sent again with backoff; while the browser is
 * offline the upload waits. Resending a stored part is harmless: the server answers 200 for the same bytes.
 */
import { CsvStreamParser, readText, toCsvLine } from "./csv-stream";
import type { UploadInput, UploadResult, WorkerProgress } from "./worker-protocol";

type Progress = (progress: WorkerProgress) => void;

const PART_BYTES = 4 * 1024 * 1024 - 4096;
const MAX_ATTEMPTS = 10;
const encoder = new TextEncoder();

class UploadError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitOnline(): Promise<void> {
  if (typeof navigator === "undefined" || navigator.onLine !== false) return Promise.resolve();
  return new Promise((resolve) => self.addEventListener("online", () => resolve(), { once: true }));
}

async function messageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  return body.error?.message ?? `The server answered ${response.status}.`;
}

/** Sends until the server takes it; 4xx other than 408/429 is a real refusal and stops at once. */
async function send(url: string, init: RequestInit, what: string, progress: (note?: string) => void): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await waitOnline();
    let failure: string;
    try {
      const response = await fetch(url, init);
      if (response.ok) return response;
      if (response.status < 500 && response.status !== 408 && response.status !== 429) throw new UploadError(`${what}: ${await messageOf(response)}`);
      failure = `the server answered ${response.status}`;
    } catch (error) {
      if (error instanceof UploadError) throw error;
      failure = "the connection dropped";
    }
    if (attempt >= MAX_ATTEMPTS) throw new UploadError(`${what} failed ${MAX_ATTEMPTS} times (${failure}). Check the connection and run again; parts already stored are not sent twice.`);
    const delay = Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2);
    progress(`${what}: ${failure}; trying again in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`);
    await sleep(delay);
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const isAscii = (text: string) => !/[^\u0000-\u007f]/.test(text);

export async function uploadFile(file: Blob, input: UploadInput, progress: Progress): Promise<UploadResult> {
  const exclude = new Set(input.exclude);
  const json = { "content-type": "application/json" };
  let headers: string[] | null = null;
  let lines: string[] = [];
  let size = 0;
  const ready: string[] = [];
  let rowCount = 0;
  let partCount = 0;
  let bytesRead = 0;
  let uploadId = "";
  const report = (note?: string) => progress({ bytes: bytesRead, total: file.size, rows: rowCount, note });

  const parser = new CsvStreamParser(input.delimiter, (values, record) => {
    if (record === 1) {
      headers = values;
      return;
    }
    if (exclude.has(record - 1)) return;
    const line = toCsvLine(values);
    const bytes = isAscii(line) ? line.length : encoder.encode(line).length;
    if (bytes > PART_BYTES) throw new UploadError(`Row ${record - 1} is larger than 4 MB; Salesforce cannot take it either.`);
    if (size + bytes > PART_BYTES) {
      ready.push(lines.join(""));
      lines = [];
      size = 0;
    }
    lines.push(line);
    size += bytes;
    rowCount += 1;
  });

  async function start(): Promise<void> {
    const created = await send("/api/uploads", { method: "POST", headers: json, body: JSON.stringify({ fileName: input.fileName, columns: headers, byteSize: file.size }) }, "Starting the upload", report);
    uploadId = ((await created.json()) as { id: string }).id;
  }

  async function flush(): Promise<void> {
    if (headers && !uploadId) await start();
    while (ready.length) {
      const body = encoder.encode(ready.shift());
      partCount += 1;
      const n = partCount;
      const checksum = await sha256Hex(body);
      await send(`/api/uploads/${uploadId}/parts/${n}`, { method: "PUT", headers: { "content-type": "text/csv", "x-checksum-sha256": checksum }, body }, `Part ${n}`, report);
      report();
    }
  }

  await readText(file, async (text, bytes) => {
    bytesRead = bytes;
    parser.push(text);
    await flush();
  });
  parser.end();
  if (lines.length) ready.push(lines.join(""));
  if (!headers) throw new UploadError("The file has no header.");
  if (rowCount === 0) throw new UploadError("No rows are left to send (every row was excluded).");
  await flush();
  await send(`/api/uploads/${uploadId}/complete`, { method: "POST", headers: json, body: JSON.stringify({ partCount, rowCount }) }, "Completing the upload", report);
  return { uploadId, rowCount, partCount };
}

export { UploadError };
