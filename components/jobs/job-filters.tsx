import { buttonClass } from "@/components/ui/button-class";

const STATES = ["queued", "running", "paused", "aborting", "completed", "failed", "aborted"];
const OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"];
const INPUT = "mt-1 block w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A plain GET form: the filters live in the query string, so a filtered view can be bookmarked and shared. */
export function JobFilters({ state, object, operation }: { state?: string; object?: string; operation?: string }) {
  return (
    <form method="get" action="/jobs" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3">
      <label className="text-sm text-slate-700">
        State
        <select name="state" defaultValue={state ?? ""} className={INPUT}>
          <option value="">Any</option>
          {STATES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Object
        <input name="object" defaultValue={object ?? ""} placeholder="Account" className={INPUT} />
      </label>
      <label className="text-sm text-slate-700">
        Operation
        <select name="operation" defaultValue={operation ?? ""} className={INPUT}>
          <option value="">Any</option>
          {OPERATIONS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
    </form>
  );
}
