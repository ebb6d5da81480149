/** Messages between the wizard and its CSV Web Worker. Everything crosses by structured clone. */
import type { ColumnMapping } from "@/lib/jobs/projection";
import type { BulkOperationName, ObjectInfo, RowProblem } from "@/lib/preflight";
import type { Encoding, LineEnding } from "./csv-stream";

export interface ScanResult {
  headers: string[];
  /** The first data rows, for the preview table. */
  preview: string[][];
  rows: number;
  delimiter: string;
  encoding: Encoding;
  lineEnding: LineEnding;
  /** Anything here blocks the next step: the file must be fixed and picked again. */
  problems: string[];
}

export interface ValidateInput {
  headers: string[];
  delimiter: string;
  object: ObjectInfo;
  operation: BulkOperationName;
  mapping: ColumnMapping;
  externalIdField?: string;
}

export interface ValidateResult {
  /** Problems with the mapping itself (row 0): fix the mapping before anything else. */
  setup: RowProblem[];
  /** The first problems in row order, for the table. */
  shown: RowProblem[];
  total: number;
  perColumn: Record<string, number>;
  /** Every data row with at least one problem, and why (messages joined), in row order; empty when not excludable. */
  badRows: [number, string][];
  badRowCount: number;
  /** False past MAX_EXCLUDED_ROWS bad rows: the file must be fixed instead. */
  excludable: boolean;
  rows: number;
}

export interface UploadInput {
  delimiter: string;
  fileName: string;
  /** Data rows (1-based) left out of the upload. */
  exclude: number[];
}

export interface UploadResult {
  uploadId: string;
  rowCount: number;
  partCount: number;
}

export type WorkerRequest =
  | { id: number; type: "scan"; file: File }
  | { id: number; type: "validate"; file: File; input: ValidateInput }
  | { id: number; type: "excluded"; file: File; headers: string[]; delimiter: string; badRows: [number, string][] }
  | { id: number; type: "upload"; file: File; input: UploadInput };

export interface WorkerProgress {
  bytes: number;
  total: number;
  rows: number;
  /** Set while an upload waits for the network or retries a part. */
  note?: string;
}

export type WorkerResponse =
  | { id: number; type: "progress"; progress: WorkerProgress }
  | { id: number; type: "done"; result: unknown }
  | { id: number; type: "error"; message: string };
