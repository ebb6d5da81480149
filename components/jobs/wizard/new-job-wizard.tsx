"use client";
/** The new-job wizard: target → file → mapping → pre-flight → confirm and run (or target → query). */
import { useCallback, useEffect, useMemo, useState } from "react";
import { autoMap, type ObjectInfo } from "@/lib/preflight";
import { ConfirmStep } from "./confirm-step";
import { FileStep } from "./file-step";
import { MappingStep } from "./mapping-step";
import { PreflightStep } from "./preflight-step";
import { QueryStep } from "./query-step";
import { TargetStep } from "./target-step";
import { useCsvWorker } from "./use-csv-worker";
import { apiOptions, fromColumnMapping, isQuery, toColumnMapping, type TargetChoice, type WizardConnection, type WizardMapping } from "./wizard-state";
import { errorText, fetchJson } from "./wizard-ui";
import type { ScanResult, ValidateInput, ValidateResult } from "./worker-protocol";

type Step = "target" | "file" | "mapping" | "preflight" | "confirm" | "query";

const STEP_NAMES: Record<Step, string> = { target: "Org and object", file: "File", mapping: "Mapping", preflight: "Pre-flight", confirm: "Confirm and run", query: "Query" };

interface Props {
  connections: WizardConnection[];
  canHardDelete: boolean;
}

export function NewJobWizard({ connections, canHardDelete }: Props) {
  const { run } = useCsvWorker();
  const [step, setStep] = useState<Step>("target");
  const [target, setTarget] = useState<TargetChoice>({
    orgConnectionId: connections[0].id,
    object: "",
    operation: "insert",
    externalIdField: "",
    api: "v2",
    serial: false,
    batchSize: "",
    pkChunking: false,
    pkChunkSize: "",
  });
  const [described, setDescribed] = useState<{ key: string; info: ObjectInfo | null; error: string | null } | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [scan, setScan] = useState<ScanResult | null>(null);
  const [mapping, setMapping] = useState<WizardMapping | null>(null);
  const [validation, setValidation] = useState<ValidateResult | null>(null);
  const [exclude, setExclude] = useState(false);

  useEffect(() => {
    let live = true;
    if (!target.object) return;
    const key = `${target.orgConnectionId}/${target.object}`;
    fetchJson<ObjectInfo>(`/api/orgs/${target.orgConnectionId}/objects/${encodeURIComponent(target.object)}`).then(
      (info) => live && setDescribed({ key, info, error: null }),
      (error: unknown) => live && setDescribed({ key, info: null, error: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [target.orgConnectionId, target.object]);

  const current = described?.key === `${target.orgConnectionId}/${target.object}` ? described : null;
  const objectInfo = current?.info ?? null;
  const objectError = current?.error ?? null;
  const query = isQuery(target.operation);
  const columnMapping = useMemo(() => (mapping && objectInfo ? toColumnMapping(mapping, objectInfo) : null), [mapping, objectInfo]);
  const validateInput = useMemo<ValidateInput | null>(
    () =>
      scan && objectInfo && columnMapping
        ? { headers: scan.headers, delimiter: scan.delimiter, object: objectInfo, operation: target.operation, mapping: columnMapping, externalIdField: target.externalIdField || undefined }
        : null,
    [scan, objectInfo, columnMapping, target.operation, target.externalIdField],
  );
  const onValidated = useCallback((result: ValidateResult) => setValidation(result), []);

  function toMapping() {
    // A new file or object starts from the automatic mapping; coming back keeps the user's changes.
    if (scan && objectInfo && (!mapping || Object.keys(mapping.columns).join("\n") !== scan.headers.join("\n"))) {
      setMapping(fromColumnMapping({ columns: autoMap(scan.headers, objectInfo, target.operation) }, scan.headers));
    }
    setStep("mapping");
  }

  const job = {
    orgConnectionId: target.orgConnectionId,
    object: target.object,
    operation: target.operation,
    ...(target.operation === "upsert" ? { externalIdField: target.externalIdField } : {}),
    ...apiOptions(target),
  };
  const steps: Step[] = query ? ["target", "query"] : ["target", "file", "mapping", "preflight", "confirm"];

  return (
    <div className="space-y-6">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-wrap gap-2 text-sm">
          {steps.map((s, index) => (
            <li key={s} aria-current={s === step ? "step" : undefined} className={`rounded-full px-3 py-1 ${s === step ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600"}`}>
              {index + 1}. {STEP_NAMES[s]}
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="text-lg font-semibold">{STEP_NAMES[step]}</h2>

      {step === "target" ? (
        <TargetStep
          connections={connections}
          canHardDelete={canHardDelete}
          value={target}
          onChange={(next) => {
            if (next.object !== target.object || next.operation !== target.operation) setMapping(null);
            setTarget(next);
          }}
          objectInfo={objectInfo}
          objectError={objectError}
          onNext={() => setStep(query ? "query" : "file")}
        />
      ) : null}
      {step === "query" ? (
        <QueryStep orgConnectionId={target.orgConnectionId} object={target.object} operation={target.operation as "query" | "queryAll"} api={target.api} job={job} onBack={() => setStep("target")} />
      ) : null}
      {step === "file" ? (
        <FileStep
          run={run}
          file={file}
          scan={scan}
          onScanned={(picked, result) => {
            setFile(picked);
            setScan(result);
            setValidation(null);
          }}
          onBack={() => setStep("target")}
          onNext={toMapping}
        />
      ) : null}
      {step === "mapping" && scan && objectInfo && mapping ? (
        <MappingStep
          object={objectInfo}
          operation={target.operation}
          headers={scan.headers}
          value={mapping}
          onChange={setMapping}
          onBack={() => setStep("file")}
          onNext={() => {
            setValidation(null);
            setExclude(false);
            setStep("preflight");
          }}
        />
      ) : null}
      {step === "preflight" && file && validateInput ? (
        <PreflightStep
          run={run}
          file={file}
          input={validateInput}
          result={validation}
          onResult={onValidated}
          exclude={exclude}
          onExclude={setExclude}
          onBack={() => setStep("mapping")}
          onPickFile={() => setStep("file")}
          onNext={() => setStep("confirm")}
        />
      ) : null}
      {step === "confirm" && file && scan && validation && columnMapping ? (
        <ConfirmStep
          run={run}
          file={file}
          delimiter={scan.delimiter}
          rows={validation.rows}
          exclude={exclude && validation.excludable ? validation.badRows.map(([row]) => row) : []}
          orgConnectionId={target.orgConnectionId}
          job={{ ...job, columnMapping }}
          api={target.api}
          batchSize={target.api === "v1" && target.batchSize ? Number(target.batchSize) : undefined}
          onBack={() => setStep("preflight")}
        />
      ) : null}
    </div>
  );
}
