import { buttonClass } from "@/components/ui/button-class";

const STATES = ["queued", "running", "paused", "aborting", "completed", "failed", "aborted"];
const OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"];
const INPUT = "mt-1 block w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export interface JobFilterValues {
  orgConnectionId?: string;
  object?: string;
  operation?: string;
  state?: string;
  createdById?: string;
  from?: string;
  to?: string;
  search?: string;
}

interface Props {
  values: JobFilterValues;
  orgs: { id: string; label: string }[];
  people: { id: string; email: string }[];
}

function Select({ label, name, value, options }: { label: string; name: string; value?: string; options: [string, string][] }) {
  return (
    <label className="text-sm text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={INPUT}>
        <option value="">Any</option>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the query string, so a filtered view can be bookmarked and shared. */
export function JobFilters({ values, orgs, people }: Props) {
  return (
    <form method="get" action="/jobs" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3">
      <label className="text-sm text-slate-700">
        Search
        <input name="search" type="search" defaultValue={values.search ?? ""} placeholder="Job id, Salesforce job id or file name" className={`${INPUT} w-72`} />
      </label>
      <Select label="Org" name="orgConnectionId" value={values.orgConnectionId} options={orgs.map((o) => [o.id, o.label])} />
      <label className="text-sm text-slate-700">
        Object
        <input name="object" defaultValue={values.object ?? ""} placeholder="Account" className={INPUT} />
      </label>
      <Select label="Operation" name="operation" value={values.operation} options={OPERATIONS.map((o) => [o, o])} />
      <Select label="State" name="state" value={values.state} options={STATES.map((s) => [s, s])} />
      <Select label="Created by" name="createdById" value={values.createdById} options={people.map((p) => [p.id, p.email])} />
      <label className="text-sm text-slate-700">
        From (UTC)
        <input name="from" type="date" defaultValue={values.from ?? ""} className={INPUT} />
      </label>
      <label className="text-sm text-slate-700">
        To (UTC)
        <input name="to" type="date" defaultValue={values.to ?? ""} className={INPUT} />
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
    </form>
  );
}
