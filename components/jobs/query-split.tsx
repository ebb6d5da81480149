/** "Split into files of N rows": a plain GET form on the job page, then one link per part. */
import { buttonClass } from "@/components/ui/button-class";

const INPUT = "mt-1 block w-36 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const MAX_PARTS_LISTED = 500;

export function QuerySplit({ jobId, rows, rowsPerFile, error }: { jobId: string; rows: number; rowsPerFile: number | null; error: string | null }) {
  const parts = rowsPerFile ? Math.max(1, Math.ceil(rows / rowsPerFile)) : 0;
  return (
    <div className="mt-4 space-y-2">
      <form method="get" action={`/jobs/${jobId}`} aria-label="Split query results" className="flex flex-wrap items-end gap-3">
        <label className="text-sm text-slate-700">
          Split into files of N rows
          <input
            name="rowsPerFile"
            type="number"
            min={1}
            max={10_000_000}
            defaultValue={rowsPerFile ?? ""}
            placeholder="100000"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "rows-per-file-error" : undefined}
            className={INPUT}
          />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          List the files
        </button>
      </form>
      {error ? (
        <p id="rows-per-file-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {rowsPerFile && !error ? (
        <ul className="flex flex-wrap gap-3 text-sm" aria-label="Result files">
          {Array.from({ length: Math.min(parts, MAX_PARTS_LISTED) }, (_, i) => (
            <li key={i}>
              <a href={`/api/jobs/${jobId}/results/query?rowsPerFile=${rowsPerFile}&part=${i + 1}`} download className="text-brand-700 underline">
                Part {i + 1} of {parts}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
