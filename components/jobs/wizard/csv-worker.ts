/**
 * The wizard's Web Worker: every pass over the file (scan, validate, excluded rows, upload) runs here,
 * streaming, so the page stays responsive and memory stays flat whatever the file's size.
 */
import { CsvInputError } from "./csv-stream";
import { excludedFile, scanFile, validateFile } from "./csv-tasks";
import { UploadError, uploadFile } from "./upload-task";
import type { WorkerProgress, WorkerRequest, WorkerResponse } from "./worker-protocol";

const scope = self as unknown as { postMessage(message: WorkerResponse): void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null };

function reply(message: WorkerResponse): void {
  scope.postMessage(message);
}

async function run(request: WorkerRequest): Promise<unknown> {
  const progress = (value: WorkerProgress) => reply({ id: request.id, type: "progress", progress: value });
  switch (request.type) {
    case "scan":
      return scanFile(request.file, progress);
    case "validate":
      return validateFile(request.file, request.input, progress);
    case "excluded":
      return excludedFile(request.file, request.headers, request.delimiter, request.badRows, progress);
    case "upload":
      return uploadFile(request.file, request.input, progress);
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  run(request).then(
    (result) => reply({ id: request.id, type: "done", result }),
    (error: unknown) => {
      // Our own messages are written for people; anything else stays generic (no stack trace on the page).
      const known = error instanceof CsvInputError || error instanceof UploadError;
      reply({ id: request.id, type: "error", message: known ? (error as Error).message : "The file could not be read. Pick it again, or check that it is a CSV file." });
    },
  );
};
