"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import { uploadCsvFile } from "@/lib/bulk-jobs/csv-parts";

interface Props {
  connections: { id: string; label: string }[];
  canHardDelete: boolean;
}

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";
const LABEL = "block text-sm font-medium text-slate-800";

/** The plain form before the full wizard: upload the CSV in parts, create the job, open its page. */
export function NewJobForm({ connections, canHardDelete }: Props) {
  const router = useRouter();
  const [operation, setOperation] = useState("insert");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = operation === "query" || operation === "queryAll";
  const operations = ["insert", "update", "upsert", "delete", ...(canHardDelete ? ["hardDelete"] : []), "query", "queryAll"];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setError(null);
    try {
      const file = data.get("file");
      let uploadId: string | undefined;
      if (!query) {
        if (!(file instanceof File) || file.size === 0) throw new Error("Choose a CSV file.");
        setStatus("Uploading…");
        uploadId = await uploadCsvFile(file);
      }
      setStatus("Creating the job…");
      const response = await fetch("/api/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          orgConnectionId: data.get("orgConnectionId"),
          object: data.get("object"),
          operation,
          api: data.get("api"),
          uploadId,
          soql: query ? data.get("soql") : undefined,
          externalIdField: operation === "upsert" ? data.get("externalIdField") || undefined : undefined,
        }),
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string; error?: { message?: string; fields?: Record<string, string> } };
      if (!response.ok || !body.id) {
        const fields = body.error?.fields ? Object.values(body.error.fields).join(" ") : "";
        throw new Error(`${body.error?.message ?? `The server answered ${response.status}.`} ${fields}`.trim());
      }
      router.push(`/jobs/${body.id}`);
    } catch (caught) {
      // Only our own messages and the API's reach the page, never a stack trace.
      setError(caught instanceof Error ? caught.message : "Something went wrong.");
      setStatus(null);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="New job" className="max-w-xl space-y-4">
      <div>
        <label htmlFor="job-org" className={LABEL}>
          Org connection
        </label>
        <select id="job-org" name="orgConnectionId" required className={INPUT}>
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="job-object" className={LABEL}>
          Object
        </label>
        <input id="job-object" name="object" required placeholder="Account" className={INPUT} />
      </div>
      <div>
        <label htmlFor="job-operation" className={LABEL}>
          Operation
        </label>
        <select id="job-operation" name="operation" value={operation} onChange={(event) => setOperation(event.target.value)} className={INPUT}>
          {operations.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {operation === "upsert" ? (
        <div>
          <label htmlFor="job-external-id" className={LABEL}>
            External id field
          </label>
          <input id="job-external-id" name="externalIdField" required className={INPUT} />
        </div>
      ) : null}
      <div>
        <label htmlFor="job-api" className={LABEL}>
          API
        </label>
        <select id="job-api" name="api" defaultValue="v2" className={INPUT}>
          <option value="v2">Bulk API 2.0 (default)</option>
          <option value="v1">Bulk API 1.0</option>
        </select>
      </div>
      {query ? (
        <div>
          <label htmlFor="job-soql" className={LABEL}>
            SOQL query
          </label>
          <textarea id="job-soql" name="soql" required rows={4} className={`${INPUT} font-mono`} />
        </div>
      ) : (
        <div>
          <label htmlFor="job-file" className={LABEL}>
            CSV file
          </label>
          <input id="job-file" name="file" type="file" accept=".csv,text/csv" required className={INPUT} />
        </div>
      )}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {status ? <Notice tone="info">{status}</Notice> : null}
      <button type="submit" disabled={status !== null} className={buttonClass("primary")}>
        Start job
      </button>
    </form>
  );
}
