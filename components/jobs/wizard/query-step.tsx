"use client";
/** Step 6 for query and queryAll: the SOQL, the plan against today's limits, then start the job. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import { planJob } from "@/lib/preflight";
import { SoqlEditor } from "../soql-editor";
import { PlanSummary, startJob, useLimits } from "./confirm-step";
import { errorText, HINT, LABEL } from "./wizard-ui";

interface Props {
  orgConnectionId: string;
  object: string;
  operation: "query" | "queryAll";
  api: "v1" | "v2";
  /** The job request without its SOQL. */
  job: Record<string, unknown>;
  onBack(): void;
}

export function QueryStep({ orgConnectionId, object, operation, api, job, onBack }: Props) {
  const router = useRouter();
  const { limits, error: limitsError } = useLimits(orgConnectionId);
  const [soql, setSoql] = useState(`SELECT Id, Name FROM ${object}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const plan = planJob({ rows: 0, bytes: 0, api, operation });

  async function start() {
    setError(null);
    setBusy(true);
    try {
      const id = await startJob({ ...job, soql });
      router.push(`/jobs/${id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Query"
      className="max-w-3xl space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <div>
        <label htmlFor="wizard-soql" className={LABEL}>
          SOQL query
        </label>
        <SoqlEditor id="wizard-soql" orgConnectionId={orgConnectionId} value={soql} onChange={setSoql} />
        <p className={HINT}>
          The results download as one CSV file from the job page. {operation === "queryAll" ? "queryAll also returns deleted and archived records." : ""}
        </p>
      </div>
      <PlanSummary plan={plan} limits={limits} limitsError={limitsError} records={null} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex gap-3">
        <button type="button" onClick={onBack} disabled={busy} className={buttonClass("secondary")}>
          Back
        </button>
        <button type="submit" disabled={busy || !soql.trim()} className={buttonClass("primary")}>
          {busy ? "Starting…" : "Run the query"}
        </button>
      </div>
    </form>
  );
}
