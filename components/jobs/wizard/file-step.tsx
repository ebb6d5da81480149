"use client";
/** Step 2: drop or pick the CSV; the worker reads it once, streaming, and says what it found. */
import { useState, type DragEvent } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import type { RunTask } from "./use-csv-worker";
import type { ScanResult, WorkerProgress } from "./worker-protocol";
import { errorText, FileProgress, fmt, formatBytes, LABEL } from "./wizard-ui";

interface Props {
  run: RunTask;
  file: File | null;
  scan: ScanResult | null;
  onScanned(file: File | null, scan: ScanResult | null): void;
  onBack(): void;
  onNext(): void;
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

export function FileStep({ run, file, scan, onScanned, onBack, onNext }: Props) {
  const [progress, setProgress] = useState<WorkerProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function read(picked: File) {
    setError(null);
    onScanned(null, null);
    setProgress({ bytes: 0, total: picked.size, rows: 0 });
    try {
      const result = await run<ScanResult>({ type: "scan", file: picked }, setProgress);
      onScanned(picked, result);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setProgress(null);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void read(dropped);
  }

  const blocked = !scan || scan.problems.length > 0;
  return (
    <div className="space-y-5">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}
      >
        <label htmlFor="wizard-file" className={LABEL}>
          CSV file
        </label>
        <p className="mt-1 text-sm text-slate-600">Drop a CSV file here, or choose one. It is read in your browser first; nothing is sent until you run the job.</p>
        <input
          id="wizard-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={progress !== null}
          onChange={(event) => {
            const picked = event.target.files?.[0];
            if (picked) void read(picked);
            event.target.value = "";
          }}
          className="mx-auto mt-3 block text-sm"
        />
      </div>
      {progress ? <FileProgress label="Reading the file" progress={progress} /> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {file && scan ? <ScanSummary file={file} scan={scan} /> : null}
      <div className="flex gap-3">
        <button type="button" onClick={onBack} className={buttonClass("secondary")}>
          Back
        </button>
        <button type="button" onClick={onNext} disabled={blocked || progress !== null} className={buttonClass("primary")}>
          Next: mapping
        </button>
      </div>
    </div>
  );
}

function ScanSummary({ file, scan }: { file: File; scan: ScanResult }) {
  const facts: [string, string][] = [
    ["File", `${file.name} (${formatBytes(file.size)})`],
    ["Rows", fmt(scan.rows)],
    ["Columns", fmt(scan.headers.length)],
    ["Delimiter", DELIMITER_NAMES[scan.delimiter] ?? JSON.stringify(scan.delimiter)],
    ["Encoding", scan.encoding],
    ["Line endings", scan.lineEnding === "none" ? "single line" : scan.lineEnding],
  ];
  return (
    <section aria-label="File summary" className="space-y-3">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        {facts.map(([term, detail]) => (
          <div key={term}>
            <dt className="text-slate-500">{term}</dt>
            <dd className="font-medium" data-testid={`scan-${term.toLowerCase().replace(/\s+/g, "-")}`}>
              {detail}
            </dd>
          </div>
        ))}
      </dl>
      {scan.problems.length ? (
        <Notice tone="error">
          <p className="font-medium">This file cannot be used as it is. Fix it and pick it again:</p>
          <ul className="mt-1 list-disc pl-5">
            {scan.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {scan.preview.length ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-left text-xs">
            <caption className="sr-only">First {scan.preview.length} rows</caption>
            <thead className="bg-slate-50">
              <tr>
                {scan.headers.map((h, i) => (
                  <th key={i} scope="col" className="px-2 py-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scan.preview.map((row, r) => (
                <tr key={r} className="border-t border-slate-100">
                  {scan.headers.map((_, c) => (
                    <td key={c} className="max-w-xs truncate px-2 py-1">
                      {row[c] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
