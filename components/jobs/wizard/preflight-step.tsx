"use client";
/** Step 4: the whole file through the pre-flight validator, problems by row and column, and what to do about them. */
import { useEffect, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import type { RunTask } from "./use-csv-worker";
import type { ValidateInput, ValidateResult, WorkerProgress } from "./worker-protocol";
import { errorText, FileProgress, fmt } from "./wizard-ui";

interface Props {
  run: RunTask;
  file: File;
  input: ValidateInput;
  result: ValidateResult | null;
  onResult(result: ValidateResult): void;
  exclude: boolean;
  onExclude(exclude: boolean): void;
  onBack(): void;
  onPickFile(): void;
  onNext(): void;
}

const baseName = (name: string) => name.replace(/\.[^.]*$/, "");

export function PreflightStep({ run, file, input, result, onResult, exclude, onExclude, onBack, onPickFile, onNext }: Props) {
  const [progress, setProgress] = useState<WorkerProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    if (result) return;
    let live = true;
    run<ValidateResult>({ type: "validate", file, input }, (p) => live && setProgress(p)).then(
      (validated) => live && onResult(validated),
      (caught: unknown) => live && setError(errorText(caught)),
    ).finally(() => live && setProgress(null));
    return () => {
      live = false;
    };
  }, [result, run, file, input, onResult]);

  async function downloadExcluded() {
    if (!result) return;
    setDownloading(true);
    try {
      const blob = await run<Blob>({ type: "excluded", file, headers: input.headers, delimiter: input.delimiter, badRows: result.badRows }, () => {});
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${baseName(file.name)}-excluded.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setDownloading(false);
    }
  }

  const blocked = !result || result.setup.length > 0 || (exclude && result.badRowCount >= result.rows);
  return (
    <div className="space-y-5">
      {!result && !error ? <FileProgress label="Checking every row" progress={progress ?? { bytes: 0, total: file.size, rows: 0 }} /> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {result?.setup.length ? (
        <Notice tone="error">
          <p className="font-medium">The mapping needs fixing first:</p>
          <ul className="mt-1 list-disc pl-5">
            {result.setup.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {result && !result.setup.length ? <Findings result={result} /> : null}
      {result && !result.setup.length && result.badRowCount && !result.excludable ? (
        <Notice tone="warning">
          {fmt(result.badRowCount)} rows have problems: too many to exclude. Send them anyway, or fix the file and pick it again.
        </Notice>
      ) : null}
      {result && !result.setup.length && result.badRowCount && result.excludable ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Rows with problems</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="wizard-bad-rows" checked={!exclude} onChange={() => onExclude(false)} className="mt-1" />
            <span>Send every row: Salesforce rejects the bad ones and they land in the failures file, ready to fix and retry.</span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="wizard-bad-rows" checked={exclude} onChange={() => onExclude(true)} className="mt-1" />
            <span>Exclude the {fmt(result.badRows.length)} rows with problems; only good rows are uploaded.</span>
          </label>
          {exclude ? (
            <button type="button" onClick={() => void downloadExcluded()} disabled={downloading} className={buttonClass("secondary")}>
              {downloading ? "Preparing…" : `Download the ${fmt(result.badRows.length)} excluded rows`}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={onBack} className={buttonClass("secondary")}>
          Back to mapping
        </button>
        <button type="button" onClick={onPickFile} className={buttonClass("secondary")}>
          Pick a fixed file
        </button>
        <button type="button" onClick={onNext} disabled={blocked} className={buttonClass("primary")}>
          Next: confirm
        </button>
      </div>
    </div>
  );
}

function Findings({ result }: { result: ValidateResult }) {
  if (result.total === 0) return <Notice tone="success">No problems found in {fmt(result.rows)} rows.</Notice>;
  const columns = Object.entries(result.perColumn).sort((a, b) => b[1] - a[1]);
  return (
    <section aria-label="Pre-flight problems" className="space-y-3">
      <Notice tone="warning">
        <span data-testid="preflight-summary">
          {fmt(result.total)} problem{result.total > 1 ? "s" : ""} in {fmt(result.badRowCount)} of {fmt(result.rows)} rows.
        </span>
      </Notice>
      <table className="text-left text-sm">
        <caption className="text-left text-xs text-slate-600">Problems per column</caption>
        <tbody>
          {columns.map(([column, count]) => (
            <tr key={column}>
              <th scope="row" className="pr-4 font-medium">
                {column}
              </th>
              <td>{fmt(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
        <table className="min-w-full text-left text-xs">
          <caption className="sr-only">First {result.shown.length} problems</caption>
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              <th scope="col" className="px-2 py-1">Row</th>
              <th scope="col" className="px-2 py-1">Column</th>
              <th scope="col" className="px-2 py-1">Field</th>
              <th scope="col" className="px-2 py-1">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.shown.map((p, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="px-2 py-1">{p.row}</td>
                <td className="px-2 py-1">{p.column}</td>
                <td className="px-2 py-1">{p.field}</td>
                <td className="px-2 py-1">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.total > result.shown.length ? <p className="text-xs text-slate-500">The first {result.shown.length} problems are shown.</p> : null}
    </section>
  );
}
