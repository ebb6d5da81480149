"use client";
/** Step 1: org connection, operation, object (searchable, filtered by what the operation allows), API and its options. */
import { useEffect, useMemo, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import { externalIdFields, type BulkOperationName, type ObjectInfo } from "@/lib/preflight";
import { allows, isQuery, OPERATION_HINTS, type ObjectSummary, type TargetChoice, type WizardConnection } from "./wizard-state";
import { errorText, fetchJson, HINT, INPUT, LABEL } from "./wizard-ui";

interface Props {
  connections: WizardConnection[];
  canHardDelete: boolean;
  value: TargetChoice;
  onChange(value: TargetChoice): void;
  objectInfo: ObjectInfo | null;
  objectError: string | null;
  onNext(): void;
}

const OPERATIONS: BulkOperationName[] = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"];

export function TargetStep({ connections, canHardDelete, value, onChange, objectInfo, objectError, onNext }: Props) {
  // Keyed by connection, so a stale answer or error never shows for another org.
  const [loaded, setLoaded] = useState<{ id: string; objects: ObjectSummary[] | null; error: string | null } | null>(null);
  const [search, setSearch] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const set = (patch: Partial<TargetChoice>) => onChange({ ...value, ...patch });
  const connection = connections.find((c) => c.id === value.orgConnectionId);

  useEffect(() => {
    let live = true;
    const id = value.orgConnectionId;
    fetchJson<{ objects: ObjectSummary[] }>(`/api/orgs/${id}/objects`).then(
      (body) => live && setLoaded({ id, objects: body.objects, error: null }),
      (error: unknown) => live && setLoaded({ id, objects: null, error: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [value.orgConnectionId]);

  const current = loaded?.id === value.orgConnectionId ? loaded : null;
  const objects = current?.objects ?? null;
  const listError = current?.error ?? null;
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (objects ?? []).filter((o) => allows(o, value.operation) && (!needle || o.name.toLowerCase().includes(needle) || o.label.toLowerCase().includes(needle)));
  }, [objects, search, value.operation]);

  const query = isQuery(value.operation);
  const chosen = objects?.find((o) => o.name === value.object);
  const keys = objectInfo && objectInfo.name === value.object ? externalIdFields(objectInfo) : [];
  const needsConfirmation = value.operation === "hardDelete" && connection && !connection.isSandbox;
  const problem = !value.object
    ? "Choose an object."
    : chosen && !allows(chosen, value.operation)
      ? `${chosen.label} does not allow ${value.operation}.`
      : value.operation === "upsert" && !value.externalIdField
        ? "Choose the external id field upsert matches on."
        : needsConfirmation && confirmation.trim() !== connection.label
          ? `Type the org's name "${connection.label}" to confirm the hard delete.`
          : !query && !objectInfo
            ? "Loading the object's fields…"
            : null;

  return (
    <form
      aria-label="Job target"
      className="max-w-2xl space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) onNext();
      }}
    >
      <div>
        <label htmlFor="wizard-org" className={LABEL}>
          Org connection
        </label>
        <select id="wizard-org" value={value.orgConnectionId} onChange={(e) => set({ orgConnectionId: e.target.value, object: "", externalIdField: "" })} className={INPUT}>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label} ({c.isSandbox ? "sandbox" : "production"})
            </option>
          ))}
        </select>
      </div>

      <div>
        <label htmlFor="wizard-operation" className={LABEL}>
          Operation
        </label>
        <select id="wizard-operation" value={value.operation} onChange={(e) => set({ operation: e.target.value as BulkOperationName, externalIdField: "" })} className={INPUT} aria-describedby="wizard-operation-hint">
          {OPERATIONS.filter((op) => op !== "hardDelete" || canHardDelete).map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
        <p id="wizard-operation-hint" className={HINT}>
          {OPERATION_HINTS[value.operation]}
        </p>
      </div>

      <div>
        <label htmlFor="wizard-object-search" className={LABEL}>
          Search objects
        </label>
        <input id="wizard-object-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Account, Invoice…" className={INPUT} />
        <label htmlFor="wizard-object" className={`${LABEL} mt-3`}>
          Object
        </label>
        <select id="wizard-object" size={8} value={value.object} onChange={(e) => set({ object: e.target.value, externalIdField: "" })} className={INPUT} aria-describedby="wizard-object-hint">
          {shown.map((o) => (
            <option key={o.name} value={o.name}>
              {o.label} ({o.name})
            </option>
          ))}
        </select>
        <p id="wizard-object-hint" className={HINT}>
          {objects ? `${shown.length} of ${objects.length} objects allow ${value.operation}.` : listError ? "" : "Loading the org's objects…"}
        </p>
        {listError ? <Notice tone="error">{listError}</Notice> : null}
        {objectError ? <Notice tone="error">{objectError}</Notice> : null}
      </div>

      {value.operation === "upsert" ? (
        <div>
          <label htmlFor="wizard-external-id" className={LABEL}>
            External id field
          </label>
          <select id="wizard-external-id" value={value.externalIdField} onChange={(e) => set({ externalIdField: e.target.value })} className={INPUT}>
            <option value="">Choose…</option>
            {keys.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label} ({f.name})
              </option>
            ))}
          </select>
          <p className={HINT}>Only Id and fields marked as external ids can match records.</p>
        </div>
      ) : null}

      {needsConfirmation ? (
        <div>
          <label htmlFor="wizard-confirm" className={LABEL}>
            Type “{connection.label}” to hard-delete in this production org
          </label>
          <input id="wizard-confirm" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} autoComplete="off" className={INPUT} />
          <p className={HINT}>Hard-deleted records skip the recycle bin and cannot be restored.</p>
        </div>
      ) : null}

      <ApiChoice value={value} set={set} query={query} />

      {problem ? <p className="text-sm text-slate-600">{problem}</p> : null}
      <button type="submit" disabled={problem !== null} className={buttonClass("primary")}>
        Next: {query ? "query" : "file"}
      </button>
    </form>
  );
}

function ApiChoice({ value, set, query }: { value: TargetChoice; set(patch: Partial<TargetChoice>): void; query: boolean }) {
  return (
    <fieldset className="space-y-2">
      <legend className={LABEL}>API</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="wizard-api" value="v2" checked={value.api === "v2"} onChange={() => set({ api: "v2" })} className="mt-1" />
        <span>
          Bulk API 2.0 (recommended) <span className="text-slate-500">— Salesforce cuts the file into batches and runs them in parallel.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="wizard-api" value="v1" checked={value.api === "v1"} onChange={() => set({ api: "v1" })} className="mt-1" />
        <span>
          Bulk API 1.0 <span className="text-slate-500">— for serial processing (fewer lock errors), a chosen batch size{query ? " or PK chunking" : ""}.</span>
        </span>
      </label>
      {value.api === "v1" && !query ? (
        <div className="ml-6 grid gap-3 sm:grid-cols-2">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={value.serial} onChange={(e) => set({ serial: e.target.checked })} className="mt-1" />
            <span>
              Serial concurrency <span className="block text-xs text-slate-500">One batch at a time: slower, avoids record lock contention.</span>
            </span>
          </label>
          <div>
            <label htmlFor="wizard-batch-size" className={LABEL}>
              Batch size
            </label>
            <input id="wizard-batch-size" type="number" min={1} max={10000} value={value.batchSize} onChange={(e) => set({ batchSize: e.target.value })} placeholder="10000" className={INPUT} />
            <p className={HINT}>Records per batch, at most 10,000; smaller batches help triggers that hit governor limits.</p>
          </div>
        </div>
      ) : null}
      {value.api === "v1" && query ? (
        <div className="ml-6 grid gap-3 sm:grid-cols-2">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={value.pkChunking} onChange={(e) => set({ pkChunking: e.target.checked })} className="mt-1" />
            <span>
              PK chunking <span className="block text-xs text-slate-500">Splits a large query by record id ranges so each part stays fast.</span>
            </span>
          </label>
          {value.pkChunking ? (
            <div>
              <label htmlFor="wizard-chunk-size" className={LABEL}>
                Chunk size
              </label>
              <input id="wizard-chunk-size" type="number" min={1} max={250000} value={value.pkChunkSize} onChange={(e) => set({ pkChunkSize: e.target.value })} placeholder="100000" className={INPUT} />
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
