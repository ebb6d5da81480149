import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Field, SelectField } from "@/components/ui/field";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/audit/schema";

interface Props {
  filter: { action?: string; actor?: string; from?: string; to?: string };
}

/** A GET form: filters live in the URL, so a filtered view can be shared and bookmarked. */
export function AuditFilters({ filter }: Props) {
  return (
    <form method="get" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5 sm:items-end">
      <SelectField
        id="filter-action"
        label="Event"
        name="action"
        defaultValue={filter.action ?? ""}
        options={[{ value: "", label: "All events" }, ...AUDIT_ACTIONS.map((action) => ({ value: action, label: AUDIT_ACTION_LABELS[action] }))]}
      />
      <Field id="filter-actor" label="Who (email contains)" name="actor" defaultValue={filter.actor ?? ""} />
      <Field id="filter-from" label="From (UTC)" name="from" type="date" defaultValue={filter.from ?? ""} />
      <Field id="filter-to" label="To (UTC)" name="to" type="date" defaultValue={filter.to ?? ""} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link href="/audit" className={buttonClass("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
